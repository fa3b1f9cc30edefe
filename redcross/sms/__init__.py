"""Text messages (SMS) to citizens: one outbox, one backend chosen in settings, each message sent at most once.

Apps queue a message with `redcross.sms.outbox.text_queue`; a Celery task sends it once the transaction commits
(`redcross.sms.tasks.send_text`), through the backend named by `SMS_BACKEND` (`redcross.sms.backends.LogBackend`
by default, which only logs). Every message is a `TextMessage` row: what was sent, to whom, when, and the
provider's answer.
"""
