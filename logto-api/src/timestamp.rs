//! Logto's timestamps: whole milliseconds since the Unix epoch, as its database columns and
//! token records write them (`createdAt`, `updatedAt`, `lastSignInAt`, `expiresAt`, ...).

use serde::{Deserialize, Serialize};
use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// A point in time as Logto sends it: a whole number of milliseconds since the Unix epoch
/// (1970-01-01T00:00:00Z), an integer on the wire.
///
/// Generated fields described as `{"type": "integer", "format": "unixtime-ms"}` have this type.
/// It is exactly the `i64` Logto sends (encoded and decoded unchanged), ordered and hashed by
/// that number; [`Display`](fmt::Display) writes it as RFC 3339 in UTC with milliseconds. Its
/// [`Default`] is the epoch itself, as `0` was for the number it replaces.
///
/// ```
/// use logto_api::Timestamp;
/// use std::time::{Duration, SystemTime};
///
/// let created = Timestamp::from_millis(1_795_329_566_043);
/// assert_eq!(created.to_string(), "2026-11-22T06:39:26.043Z");
/// assert_eq!(created.as_millis(), 1_795_329_566_043);
///
/// // To and from `SystemTime`, e.g. for an `expiresAt` one day from now.
/// let tomorrow = Timestamp::try_from(SystemTime::now() + Duration::from_secs(86_400))
///     .expect("a time Logto can hold");
/// assert!(tomorrow > created);
/// let back: SystemTime = tomorrow.try_into().expect("a time this platform can hold");
/// assert!(back > SystemTime::UNIX_EPOCH);
///
/// // On the wire it is the bare integer.
/// assert_eq!(serde_json::to_string(&created).unwrap(), "1795329566043");
/// ```
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Timestamp(i64);

/// A time one side of a conversion cannot hold: a [`SystemTime`] more than about 292 million
/// years from the epoch for [`Timestamp`], or a [`Timestamp`] outside the range of the
/// platform's [`SystemTime`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("time out of range for the conversion between Timestamp and SystemTime")]
pub struct TimestampRangeError(());

impl Timestamp {
    /// The Unix epoch, 1970-01-01T00:00:00Z (0 milliseconds).
    pub const UNIX_EPOCH: Timestamp = Timestamp(0);

    /// The timestamp `millis` milliseconds after the Unix epoch (before it when negative).
    pub const fn from_millis(millis: i64) -> Self {
        Timestamp(millis)
    }

    /// Milliseconds since the Unix epoch, as on the wire.
    pub const fn as_millis(self) -> i64 {
        self.0
    }

    /// The same instant as a [`SystemTime`], or `None` when the platform's `SystemTime` cannot
    /// hold it (never for the times Logto writes).
    pub fn to_system_time(self) -> Option<SystemTime> {
        let distance = Duration::from_millis(self.0.unsigned_abs());
        if self.0 >= 0 {
            UNIX_EPOCH.checked_add(distance)
        } else {
            UNIX_EPOCH.checked_sub(distance)
        }
    }
}

impl From<i64> for Timestamp {
    fn from(millis: i64) -> Self {
        Timestamp(millis)
    }
}

impl From<Timestamp> for i64 {
    fn from(timestamp: Timestamp) -> Self {
        timestamp.0
    }
}

impl TryFrom<SystemTime> for Timestamp {
    type Error = TimestampRangeError;

    /// Drops what is finer than a millisecond, rounding toward the past, so that the result
    /// is never later than `time` (0.4 ms before the epoch is -1 ms, not 0).
    fn try_from(time: SystemTime) -> Result<Self, Self::Error> {
        let millis: Option<i128> = match time.duration_since(UNIX_EPOCH) {
            Ok(after) => i128::try_from(after.as_millis()).ok(),
            Err(before) => {
                let before = before.duration();
                let partial = before.subsec_nanos() % 1_000_000 != 0;
                before
                    .as_millis()
                    .checked_add(u128::from(partial))
                    .and_then(|m| i128::try_from(m).ok())
                    .map(|m| -m)
            }
        };
        millis
            .and_then(|m| i64::try_from(m).ok())
            .map(Timestamp)
            .ok_or(TimestampRangeError(()))
    }
}

impl TryFrom<Timestamp> for SystemTime {
    type Error = TimestampRangeError;

    fn try_from(timestamp: Timestamp) -> Result<Self, Self::Error> {
        timestamp.to_system_time().ok_or(TimestampRangeError(()))
    }
}

impl fmt::Display for Timestamp {
    /// RFC 3339 in UTC with milliseconds (`2026-11-22T06:39:26.043Z`). Years outside
    /// 0000..=9999, which RFC 3339 cannot write, get a sign and as many digits as they need
    /// (ISO 8601's expanded form, `+10000-01-01T00:00:00.000Z`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const DAY: i64 = 86_400_000;
        let (days, in_day) = (self.0.div_euclid(DAY), self.0.rem_euclid(DAY));
        let (year, month, day) = civil_from_days(days);
        let (hour, minute) = (in_day / 3_600_000, in_day / 60_000 % 60);
        let (second, milli) = (in_day / 1000 % 60, in_day % 1000);
        if (0..=9999).contains(&year) {
            write!(f, "{year:04}")?;
        } else {
            write!(f, "{year:+05}")?;
        }
        write!(
            f,
            "-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}.{milli:03}Z"
        )
    }
}

/// The proleptic Gregorian `(year, month, day)` of a count of days since 1970-01-01, after
/// Howard Hinnant's `civil_from_days`: shifted to eras of 400 years that begin on March 1st,
/// so leap days fall at the end of a year. Exact for every day an `i64` of milliseconds
/// reaches (|days| < 1.1e11), with no overflow.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::{Timestamp, TimestampRangeError};
    use std::time::{Duration, SystemTime, UNIX_EPOCH};

    #[test]
    fn displays_rfc3339_in_utc() {
        let cases = [
            (0, "1970-01-01T00:00:00.000Z"),
            (1_795_329_566_043, "2026-11-22T06:39:26.043Z"),
            (4_102_444_800_000, "2100-01-01T00:00:00.000Z"),
            // 2024 is a leap year; 2100 (above) is not.
            (1_709_164_800_000, "2024-02-29T00:00:00.000Z"),
            (-1, "1969-12-31T23:59:59.999Z"),
            (-62_135_596_800_000, "0001-01-01T00:00:00.000Z"),
            (-62_135_596_800_001, "0000-12-31T23:59:59.999Z"),
            (-62_167_219_200_001, "-0001-12-31T23:59:59.999Z"),
            (253_402_300_800_000, "+10000-01-01T00:00:00.000Z"),
            (i64::MAX, "+292278994-08-17T07:12:55.807Z"),
            (i64::MIN, "-292275055-05-16T16:47:04.192Z"),
        ];
        for (millis, text) in cases {
            assert_eq!(Timestamp::from_millis(millis).to_string(), text, "{millis}");
        }
    }

    #[test]
    fn converts_with_system_time_after_the_epoch() {
        let t = Timestamp::from_millis(1_795_329_566_043);
        let time = t.to_system_time().expect("representable");
        assert_eq!(
            time.duration_since(UNIX_EPOCH).ok(),
            Some(Duration::from_millis(1_795_329_566_043))
        );
        assert_eq!(Timestamp::try_from(time), Ok(t));
        assert_eq!(SystemTime::try_from(t), Ok(time));
        // Sub-millisecond parts are dropped toward the past.
        let later = time + Duration::from_micros(999);
        assert_eq!(Timestamp::try_from(later), Ok(t));
    }

    #[test]
    fn converts_with_system_time_before_the_epoch() {
        let t = Timestamp::from_millis(-86_400_001);
        let time = t.to_system_time().expect("representable");
        assert_eq!(
            UNIX_EPOCH.duration_since(time).ok(),
            Some(Duration::from_millis(86_400_001))
        );
        assert_eq!(Timestamp::try_from(time), Ok(t));
        // 0.4 ms before the epoch rounds to -1 ms, never up to the epoch itself.
        let just_before = UNIX_EPOCH - Duration::from_micros(400);
        assert_eq!(
            Timestamp::try_from(just_before),
            Ok(Timestamp::from_millis(-1))
        );
        assert_eq!(
            Timestamp::try_from(UNIX_EPOCH - Duration::from_millis(3)),
            Ok(Timestamp::from_millis(-3))
        );
    }

    #[test]
    fn out_of_range_is_an_error_not_a_panic() {
        // Beyond i64 milliseconds, where the platform's SystemTime reaches that far.
        let far = Duration::from_millis(u64::MAX);
        if let Some(time) = UNIX_EPOCH.checked_add(far) {
            assert_eq!(Timestamp::try_from(time), Err(TimestampRangeError(())));
        }
        if let Some(time) = UNIX_EPOCH.checked_sub(far) {
            assert_eq!(Timestamp::try_from(time), Err(TimestampRangeError(())));
        }
        // The extremes either convert exactly or report the error.
        for t in [
            Timestamp::from_millis(i64::MAX),
            Timestamp::from_millis(i64::MIN),
        ] {
            match SystemTime::try_from(t) {
                Ok(time) => assert_eq!(Timestamp::try_from(time), Ok(t)),
                Err(e) => assert_eq!(t.to_system_time(), None, "{e}"),
            }
        }
        assert!(!TimestampRangeError(()).to_string().is_empty());
    }

    #[test]
    fn is_the_bare_integer_on_the_wire() {
        let t: Timestamp = serde_json::from_str("1795329566043").expect("an integer");
        assert_eq!(t, Timestamp::from(1_795_329_566_043));
        assert_eq!(i64::from(t), 1_795_329_566_043);
        assert_eq!(serde_json::to_string(&t).expect("encodes"), "1795329566043");
        assert_eq!(
            serde_json::from_str::<Timestamp>("-5").expect("negative"),
            Timestamp::from_millis(-5)
        );
        // Logto writes integers; a fraction or a string is not a timestamp.
        assert!(serde_json::from_str::<Timestamp>("1795329566043.5").is_err());
        assert!(serde_json::from_str::<Timestamp>("\"1795329566043\"").is_err());
    }

    #[test]
    fn orders_by_time() {
        let (a, b) = (Timestamp::from_millis(-1), Timestamp::UNIX_EPOCH);
        assert!(a < b && b < Timestamp::from_millis(1));
        assert_eq!(Timestamp::default(), Timestamp::UNIX_EPOCH);
        let set: std::collections::HashSet<Timestamp> = [a, b, a].into_iter().collect();
        assert_eq!(set.len(), 2);
    }
}
