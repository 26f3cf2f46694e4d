//! Opening hours for one week: which hours apply on each day, regular or exceptional.
//!
//! Exceptional hours (holidays, closures) override regular ones on the dates they cover. The host passes
//! today's date: the engine reads no clock.

use crate::format::OpeningHours;

/// A calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

/// One day of the week shown to the citizen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DaySchedule {
    pub date: Date,
    /// 0 = Monday … 6 = Sunday.
    pub weekday: u8,
    /// `(from, to)` as `HH:MM`; empty when closed or unknown.
    pub hours: Vec<(String, String)>,
    /// Closed by exceptional hours (a holiday), as opposed to no regular hours that day.
    pub closed_exceptionally: bool,
    /// The day follows exceptional hours.
    pub exceptional: bool,
}

impl Date {
    /// Parses `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.get(..10)?.split('-');
        let year = parts.next()?.parse().ok()?;
        let month = parts
            .next()?
            .parse()
            .ok()
            .filter(|m| (1..=12).contains(m))?;
        let day = parts
            .next()?
            .parse()
            .ok()
            .filter(|d| (1..=31).contains(d))?;
        Some(Date { year, month, day })
    }

    /// Days since 1970-01-01 (proleptic Gregorian; Howard Hinnant's `days_from_civil`).
    fn days(self) -> i64 {
        let year = i64::from(self.year) - i64::from(self.month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let month = i64::from(self.month);
        let day_of_year = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5
            + i64::from(self.day)
            - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z - era * 146_097;
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let mp = (5 * day_of_year + 2) / 153;
        let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (year_of_era + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday).
    pub fn weekday(self) -> u8 {
        (self.days() + 3).rem_euclid(7) as u8
    }

    fn within(self, from: Option<&str>, to: Option<&str>) -> bool {
        let after_start = from.and_then(Date::parse).is_none_or(|from| self >= from);
        let before_end = to.and_then(Date::parse).is_none_or(|to| self <= to);
        after_start && before_end
    }
}

/// Monday to Sunday of the week that contains `today`.
pub fn week_schedule(hours: &[OpeningHours], today: Date) -> Vec<DaySchedule> {
    let monday = today.days() - i64::from(today.weekday());
    (0..7)
        .map(|offset| {
            let date = Date::from_days(monday + offset);
            day_schedule(hours, date)
        })
        .collect()
}

fn day_schedule(hours: &[OpeningHours], date: Date) -> DaySchedule {
    let weekday = date.weekday();
    let applies =
        |entry: &&OpeningHours| date.within(entry.valid_from.as_deref(), entry.valid_to.as_deref());
    let exceptional = hours.iter().filter(|entry| entry.exceptional).find(applies);
    let (entry, is_exceptional) = match exceptional {
        Some(entry) => (Some(entry), true),
        None => (
            hours
                .iter()
                .filter(|entry| !entry.exceptional)
                .find(applies),
            false,
        ),
    };
    let day_hours = |entry: &OpeningHours| -> Vec<(String, String)> {
        entry
            .days
            .iter()
            // An exceptional entry for one date may list no weekday: its hours are that date's.
            .filter(|day| day.weekday == weekday || (is_exceptional && entry.days.len() == 1))
            .map(|day| (day.from.clone(), day.to.clone()))
            .collect()
    };
    match entry {
        Some(entry) if entry.closed => DaySchedule {
            date,
            weekday,
            hours: vec![],
            closed_exceptionally: is_exceptional,
            exceptional: is_exceptional,
        },
        Some(entry) => DaySchedule {
            date,
            weekday,
            hours: day_hours(entry),
            closed_exceptionally: false,
            exceptional: is_exceptional,
        },
        None => DaySchedule {
            date,
            weekday,
            hours: vec![],
            closed_exceptionally: false,
            exceptional: false,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::{DayHours, LocalText};

    fn weekdays(from: &str, to: &str) -> OpeningHours {
        OpeningHours {
            exceptional: false,
            valid_from: None,
            valid_to: None,
            closed: false,
            days: (0..5)
                .map(|weekday| DayHours {
                    weekday,
                    from: from.into(),
                    to: to.into(),
                })
                .collect(),
            info: LocalText::default(),
        }
    }

    fn date(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn weekdays_are_computed_from_the_calendar() {
        assert_eq!(date("2026-11-26").weekday(), 3); // Thursday
        assert_eq!(date("2024-02-29").weekday(), 3);
        assert_eq!(
            Date::from_days(date("2026-12-31").days() + 1),
            date("2027-01-01")
        );
    }

    #[test]
    fn the_week_runs_monday_to_sunday_around_today() {
        let week = week_schedule(&[weekdays("08:00", "16:00")], date("2026-11-26"));
        assert_eq!(week[0].date, date("2026-11-23"));
        assert_eq!(week[6].date, date("2026-11-29"));
        assert_eq!(
            week[3].hours,
            vec![("08:00".to_owned(), "16:00".to_owned())]
        );
        assert!(week[5].hours.is_empty() && !week[5].closed_exceptionally);
    }

    #[test]
    fn exceptional_closure_overrides_regular_hours_on_its_date() {
        let holiday = OpeningHours {
            exceptional: true,
            valid_from: Some("2026-12-24".into()),
            valid_to: Some("2026-12-24".into()),
            closed: true,
            days: vec![],
            info: LocalText::default(),
        };
        let week = week_schedule(&[weekdays("08:00", "16:00"), holiday], date("2026-12-22"));
        let christmas_eve = &week[3];
        assert_eq!(christmas_eve.date, date("2026-12-24"));
        assert!(christmas_eve.closed_exceptionally && christmas_eve.hours.is_empty());
        assert_eq!(week[2].hours.len(), 1);
    }

    #[test]
    fn regular_hours_outside_their_validity_do_not_apply() {
        let mut summer = weekdays("09:00", "15:00");
        summer.valid_from = Some("2026-06-01".into());
        summer.valid_to = Some("2026-08-31".into());
        assert!(
            week_schedule(&[summer], date("2026-11-26"))
                .iter()
                .all(|day| day.hours.is_empty())
        );
    }
}
