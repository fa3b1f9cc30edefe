"""A stand-in for the SMS providers on 127.0.0.1 that answers as they do, and the answers they give."""

import json
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from redcross.models import TextMessage
from redcross.sms.backends import Sms

Kind = TextMessage.Kind
MOBILE = "13800138000"
ALIYUN_SECRET = "aliyun-secret-never-to-be-seen"
TENCENT_SECRET = "tencent-secret-never-to-be-seen"


class StandIn:
    """An HTTP server that keeps what it received and answers every request with `reply` (status, JSON)."""

    def __init__(self):
        self.received: list[dict] = []
        self.reply: tuple[int, object] = (200, {})
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                stand_in.received.append({"path": self.path, "headers": dict(self.headers), "body": body})
                status, answer = stand_in.reply
                data = answer.encode() if isinstance(answer, str) else json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json" if not isinstance(answer, str) else "text/html")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def aliyun_query(self) -> dict[str, str]:
        (request,) = self.received
        return {name: values[0] for name, values in parse_qs(urlsplit(request["path"]).query).items()}

    def tencent_body(self) -> dict:
        (request,) = self.received
        return json.loads(request["body"])


def login_code(code="483920") -> Sms:
    return Sms(mobile=MOBILE, kind=Kind.LOGIN_CODE, text=f"【某市红十字会】您的验证码是{code}", params={"code": code})


def reminder() -> Sms:
    return Sms(mobile=MOBILE, kind=Kind.REMINDER, text="【某市红十字会】张三您好，急救员培训明天9:00开始",
               params={"name": "张三", "course": "急救员培训", "time": "9:00"})


def aliyun_answer(code, message="OK", biz_id=None):
    answer = {"Code": code, "Message": message, "RequestId": "F655A8D5-B967-440B-8683-DAD6FF8DE990"}
    if biz_id:
        answer["BizId"] = biz_id
    return answer


def tencent_status(code, message="send success", serial_no=""):
    return {"Response": {"SendStatusSet": [{
        "SerialNo": serial_no, "PhoneNumber": f"+86{MOBILE}", "Fee": 1 if code == "Ok" else 0, "SessionContext": "",
        "Code": code, "Message": message, "IsoCode": "CN",
    }], "RequestId": "a0aabda6-cf91-4f3e-a81f-9198114a2279"}}


def tencent_error(code, message):
    return {"Response": {"Error": {"Code": code, "Message": message}, "RequestId": "ed93f3cb-f35e-473f-b9f3"}}
