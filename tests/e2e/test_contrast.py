"""Colour contrast on a phone: text Lighthouse once found too faint reads at WCAG AA (4.5:1 for normal text).

The count on the current filter chip of the positions list was faded white on red (3.4:1), and the "加入日历" button of
a training session used Bootstrap's red on the page's grey (4.2:1). The browser measures what it paints: the text's
colour, faded by its own and its ancestors' opacity over the background it sits on, against that background.
"""

from playwright.sync_api import expect

from tests.pages import no_horizontal_scroll
from tests.projects.factories import SiteFactory
from tests.training.factories import SessionFactory
from training.services import SignUp, registration_create
from training.views import registration_token

AA = 4.5

# The WCAG 2.x contrast ratio of an element's text against its effective background, as painted.
CONTRAST = """element => {
  const rgba = text => {
    if (!/^rgba?\\(/.test(text)) throw new Error(`unexpected colour ${text}`);
    const [r, g, b, a = 1] = text.match(/[\\d.]+/g).map(Number);
    return {r, g, b, a};
  };
  const over = (top, bottom) => {
    const mix = channel => top[channel] * top.a + bottom[channel] * (1 - top.a);
    return {r: mix("r"), g: mix("g"), b: mix("b"), a: 1};
  };
  // The first background that is not transparent; a translucent one is laid over what lies beneath (the white canvas
  // at the bottom).
  const backgroundOf = node => {
    for (; node; node = node.parentElement) {
      const colour = rgba(getComputedStyle(node).backgroundColor);
      if (colour.a > 0) return colour.a < 1 ? over(colour, backgroundOf(node.parentElement)) : colour;
    }
    return {r: 255, g: 255, b: 255, a: 1};
  };
  let opacity = 1;
  for (let node = element; node; node = node.parentElement) opacity *= Number(getComputedStyle(node).opacity);
  const background = backgroundOf(element);
  const text = rgba(getComputedStyle(element).color);
  const painted = over({...text, a: text.a * opacity}, background);
  const luminance = colour => {
    const [r, g, b] = [colour.r, colour.g, colour.b].map(value => {
      const c = value / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [lighter, darker] = [luminance(painted), luminance(background)].sort((x, y) => y - x);
  return (lighter + 0.05) / (darker + 0.05);
}"""


def contrast(locator) -> float:
    return locator.evaluate(CONTRAST)


def test_the_count_on_the_current_filter_chip_reads_clearly_on_a_phone(live_server, page):
    SiteFactory(name="东湖社区博爱家园")
    SiteFactory(name="西园社区博爱家园")

    page.goto(live_server.url + "/projects/")
    count = page.locator('nav.chips a.chip[aria-current="true"] .chip__count').first
    expect(count).to_have_text("2")
    ratio = contrast(count)
    assert ratio >= AA, f"the current chip's count reads {ratio:.2f}:1"
    assert no_horizontal_scroll(page)


def test_the_add_to_calendar_button_reads_clearly_on_a_phone(live_server, page):
    session = SessionFactory(title="周六应急救护普及")
    registration = registration_create(session=session, person=SignUp(name="王芳", mobile="13800138000"), consent=True)

    for where, url in [
        ("session", f"/training/sessions/{session.pk}/"),
        ("sign-up", f"/training/registrations/{registration_token(registration)}/"),
    ]:
        page.goto(live_server.url + url)
        button = page.get_by_role("link", name="加入日历")
        expect(button).to_be_visible()
        ratio = contrast(button)
        assert ratio >= AA, f"加入日历 on the {where} page reads {ratio:.2f}:1"
        assert no_horizontal_scroll(page)
