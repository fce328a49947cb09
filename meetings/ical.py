"""Meetings as an iCalendar feed (RFC 5545) built with the `icalendar` library. Only what a calendar needs: the
kind and topic, the time, the place or the link — no feedback, no notes of the meeting."""

import datetime

from icalendar import Calendar, Event

from utilities.text import printable


def feed(meetings, base_url: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Наставник//meetings//RU")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Наставник: встречи")
    host = base_url.split("//")[-1].strip("/") or "nastavnik"
    for meeting in meetings:
        event = Event()
        event.add("uid", f"meeting-{meeting.pk}@{host}")
        event.add("dtstamp", meeting.created_at)
        event.add("dtstart", meeting.starts_at)
        event.add("dtend", meeting.starts_at + datetime.timedelta(minutes=meeting.duration_minutes))
        event.add("summary", printable(f"{meeting.get_kind_display().capitalize()}: {meeting.topic}"))
        if meeting.link:
            event.add("url", meeting.link)
        place = meeting.link if meeting.format == "remote" else meeting.place
        if place:
            event.add("location", printable(place))
        calendar.add_component(event)
    return calendar.to_ical()
