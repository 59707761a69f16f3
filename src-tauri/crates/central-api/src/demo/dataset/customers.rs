//! The demo customers: first one customer for each case the demo must show, then ordinary ones.

use chrono::{DateTime, Days, Months, NaiveDate, Utc};
use protocol::api::{ActingCapacity, CustomerKind, DocumentType, RecordedDocument};
use protocol::policy::{Channel, ConsentPurpose, ConsentState, RequestState, RightKind};

use super::super::DemoCustomer;
use super::builder::{Builder, Ctx, Method, Person};
use super::ids::Unique;
use super::names::{self, Town};
use super::rng::Rng;
use super::services::Tv;

/// The seed of every random stream of the dataset ("IPKODEMO" in ASCII). Changing it changes every
/// customer, and with them the README's examples.
const SEED: u64 = 0x4950_4B4F_4445_4D4F;

pub(super) const CUSTOMERS: usize = 60;

pub(super) const CASE_BUSY: &str = "12 months of traffic";
pub(super) const CASE_ALBANIAN: &str = "names with ë and ç";
pub(super) const CASE_SERBIAN_LATIN: &str = "names with č, ć, đ, š and ž";
pub(super) const CASE_CYRILLIC: &str = "name in Serbian Cyrillic";
pub(super) const CASE_BUSINESS: &str = "business customer with representatives";
pub(super) const CASE_MINOR: &str = "minor whose guardian acts";
pub(super) const CASE_FOREIGN: &str = "foreign passport holder (DEU)";
pub(super) const CASE_NO_CONSENTS: &str = "no consents at all";
pub(super) const CASE_WITHDRAWN: &str = "consents given, then withdrawn";
pub(super) const CASE_OPEN_REQUEST: &str = "open rights request";

/// Every case, in the order of the customers that show them (C-000001 onwards).
pub(super) const CASES: [&str; 10] = [
    CASE_BUSY,
    CASE_ALBANIAN,
    CASE_SERBIAN_LATIN,
    CASE_CYRILLIC,
    CASE_BUSINESS,
    CASE_MINOR,
    CASE_FOREIGN,
    CASE_NO_CONSENTS,
    CASE_WITHDRAWN,
    CASE_OPEN_REQUEST,
];

pub(super) fn customers(as_of: DateTime<Utc>) -> Vec<DemoCustomer> {
    let mut ctx = Ctx {
        as_of,
        unique: Unique::default(),
    };
    let cases: [fn(Builder<'_>) -> DemoCustomer; 10] = [
        busy,
        albanian,
        serbian_latin,
        cyrillic,
        business,
        minor,
        foreign,
        no_consents,
        withdrawn,
        open_request,
    ];
    let mut out = Vec::with_capacity(CUSTOMERS);
    for (i, (case, build)) in CASES.iter().zip(cases).enumerate() {
        let index = i + 1;
        let mut rng = Rng::stream(SEED, index as u64);
        let person = case_person(&mut rng, &mut ctx.unique, index, as_of);
        out.push(build(Builder::new(&mut ctx, rng, index, person, case)));
    }
    for index in out.len() + 1..=CUSTOMERS {
        out.push(ordinary(&mut ctx, index));
    }
    out
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn resident(first: &str, last: &str, born: Option<NaiveDate>, town: Town, street: &str) -> Person {
    Person {
        kind: CustomerKind::Individual,
        first_name: first.to_owned(),
        last_name: last.to_owned(),
        has_personal_number: true,
        date_of_birth: born,
        nationality: Some("RKS"),
        document: None,
        business_name: None,
        town,
        street: street.to_owned(),
        email_domain: Some("example.com"),
    }
}

/// Fourteen years and five months old on `as_of`: a minor whichever day the dataset is built for.
pub(super) fn minor_birth_date(as_of: DateTime<Utc>) -> Option<NaiveDate> {
    as_of
        .date_naive()
        .checked_sub_months(Months::new(14 * 12))
        .and_then(|d| d.checked_sub_days(Days::new(150)))
}

fn case_person(rng: &mut Rng, unique: &mut Unique, index: usize, as_of: DateTime<Utc>) -> Person {
    use names::{FERIZAJ, GJAKOVE, GJILAN, GRACANICE, MITROVICE, PEJE, PRISHTINE};
    match index {
        1 => resident(
            "Arbër",
            "Zeqiri",
            ymd(1988, 9, 3),
            PRISHTINE,
            "Rruga e Burimit 7",
        ),
        2 => resident(
            "Qëndresa",
            "Dërmaku-Çitaku",
            ymd(1992, 2, 17),
            PEJE,
            "Rruga e Blirëve 22",
        ),
        3 => resident(
            "Snežana",
            "Đurčić-Šćepanović",
            ymd(1979, 11, 30),
            MITROVICE,
            "ul. Brestova 9",
        ),
        4 => resident(
            "Љиљана",
            "Ђорђевић",
            ymd(1983, 5, 8),
            GRACANICE,
            "ul. Lipova 17",
        ),
        5 => Person {
            kind: CustomerKind::Business,
            has_personal_number: false,
            date_of_birth: None,
            nationality: None,
            business_name: Some("Lumi Logjistikë SH.P.K.".to_owned()),
            ..resident("Besnik", "Hoxha", None, FERIZAJ, "Rruga e Mullirit 45")
        },
        6 => Person {
            email_domain: None,
            ..resident(
                "Rina",
                "Morina",
                minor_birth_date(as_of),
                PRISHTINE,
                "Rruga e Qershive 31",
            )
        },
        7 => {
            // German passport numbers: nine characters from digits and consonants without vowels.
            let number = unique.take(rng, |r| {
                format!("C{}", r.chars("CFGHJKLMNPRTVWXYZ0123456789", 8))
            });
            Person {
                has_personal_number: false,
                nationality: Some("DEU"),
                document: Some(RecordedDocument {
                    document_type: DocumentType::Passport,
                    issuing_state: "DEU".to_owned(),
                    number,
                }),
                email_domain: Some("example.org"),
                ..resident(
                    "Katharina",
                    "Brenninger",
                    ymd(1984, 7, 21),
                    PRISHTINE,
                    "Rruga e Arrave 3",
                )
            }
        }
        8 => resident(
            "Fatos",
            "Haliti",
            ymd(1969, 3, 14),
            GJILAN,
            "Rruga e Vreshtave 58",
        ),
        9 => resident(
            "Mimoza",
            "Kastrati",
            ymd(1990, 12, 1),
            GJAKOVE,
            "Rruga e Ujëvarës 12",
        ),
        _ => resident(
            "Driton",
            "Selimi",
            ymd(1975, 6, 25),
            PRISHTINE,
            "Rruga e Pishave 40",
        ),
    }
}

fn busy(mut b: Builder<'_>) -> DemoCustomer {
    b.mobile_line(true);
    b.home_internet(false);
    b.tv(Tv::Tvim);
    b.complaints(1);
    b.enquiries(1);
    b.random_consents();
    b.busy_traffic();
    b.finish()
}

fn albanian(mut b: Builder<'_>) -> DemoCustomer {
    b.mobile_line(true);
    b.home_internet(false);
    b.tv(Tv::Dtv);
    b.online_orders(1);
    b.random_consents();
    b.light_traffic(200);
    b.finish()
}

fn serbian_latin(mut b: Builder<'_>) -> DemoCustomer {
    b.mobile_line(true);
    b.fixed_line();
    b.complaints(1);
    b.random_consents();
    b.light_traffic(200);
    b.finish()
}

fn cyrillic(mut b: Builder<'_>) -> DemoCustomer {
    // Her record was keyed in Cyrillic, address included.
    b.set_address(format!(
        "ул. Липова 17, {} {}",
        names::GRACANICE.postal_code,
        names::GRACANICE.name_sr
    ));
    b.mobile_line(true);
    b.home_internet(false);
    b.tv(Tv::Dtv);
    b.random_consents();
    b.light_traffic(200);
    b.finish()
}

fn business(mut b: Builder<'_>) -> DemoCustomer {
    b.representative(
        ActingCapacity::BusinessRepresentative,
        "Besnik",
        "Hoxha",
        Some("Business register (ARBK) extract: owner and authorised person".to_owned()),
    );
    b.representative(
        ActingCapacity::BusinessRepresentative,
        "Drenusha",
        "Rexhepi",
        Some("Power of attorney 117/2024 issued by Besnik Hoxha".to_owned()),
    );
    for _ in 0..3 {
        b.mobile_line(true);
    }
    b.home_internet(true);
    b.fixed_line();
    b.online_orders(2);
    b.complaints(1);
    let at = b.days_ago(60, 400);
    b.consent(
        ConsentPurpose::CurrentOffers,
        Some(Channel::Email),
        ConsentState::Given,
        at,
        Method::BusinessRepresentative,
    );
    b.consent(
        ConsentPurpose::CurrentOffers,
        Some(Channel::SmsMms),
        ConsentState::Refused,
        at,
        Method::BusinessRepresentative,
    );
    b.light_traffic(200);
    b.finish()
}

fn minor(mut b: Builder<'_>) -> DemoCustomer {
    let year = minor_birth_date(b.as_of())
        .map(|born| born.format("%Y").to_string())
        .unwrap_or_default();
    b.representative(
        ActingCapacity::Guardian,
        "Valbona",
        "Morina",
        Some(format!(
            "Birth certificate, Civil Registry Office Prishtinë, entry 1187/{year} (mother)"
        )),
    );
    b.mobile_line(false);
    let at = b.days_ago(30, 200);
    b.consent_all(
        ConsentPurpose::CurrentOffers,
        ConsentState::Refused,
        at,
        Method::Guardian,
    );
    b.consent_all(
        ConsentPurpose::HelpUsBeBetter,
        ConsentState::Refused,
        at,
        Method::Guardian,
    );
    b.light_traffic(200);
    b.finish()
}

fn foreign(mut b: Builder<'_>) -> DemoCustomer {
    b.mobile_line(true);
    b.home_internet(false);
    let at = b.days_ago(60, 300);
    b.consent(
        ConsentPurpose::CurrentOffers,
        Some(Channel::Email),
        ConsentState::Given,
        at,
        Method::Store,
    );
    b.consent_all(
        ConsentPurpose::OffersJustForMe,
        ConsentState::Refused,
        at,
        Method::Store,
    );
    b.light_traffic(200);
    b.finish()
}

fn no_consents(mut b: Builder<'_>) -> DemoCustomer {
    b.mobile_line(false);
    b.complaints(1);
    b.light_traffic(200);
    b.finish()
}

/// Consents given in the store more than ten months ago and withdrawn by e-mail this month: both
/// entries stay on record.
fn withdrawn(mut b: Builder<'_>) -> DemoCustomer {
    b.mobile_line(true);
    b.home_internet(false);
    let given = b.days_ago(300, 420);
    let withdrawn = b.days_ago(10, 40);
    for purpose in [
        ConsentPurpose::CurrentOffers,
        ConsentPurpose::HelpUsBeBetter,
    ] {
        b.consent_all(purpose, ConsentState::Given, given, Method::Store);
        b.consent_all(purpose, ConsentState::Withdrawn, withdrawn, Method::Email);
    }
    b.consent_all(
        ConsentPurpose::OfferInPersonAtHome,
        ConsentState::Refused,
        given,
        Method::Store,
    );
    b.light_traffic(200);
    b.finish()
}

fn open_request(mut b: Builder<'_>) -> DemoCustomer {
    b.mobile_line(true);
    b.home_internet(false);
    b.tv(Tv::Dtv);
    b.random_consents();
    let earlier = b.days_ago(200, 400);
    b.request(RightKind::Access, earlier, RequestState::Completed);
    let submitted = b.days_ago(9, 9);
    b.request(RightKind::Portability, submitted, RequestState::InProgress);
    b.light_traffic(200);
    b.finish()
}

fn ordinary(ctx: &mut Ctx, index: usize) -> DemoCustomer {
    let mut rng = Rng::stream(SEED, index as u64);
    let pool = names::NAME_POOLS
        .get(
            rng.weighted(
                &names::NAME_POOLS
                    .iter()
                    .map(|(_, w)| *w)
                    .collect::<Vec<_>>(),
            ),
        )
        .map(|(p, _)| *p)
        .unwrap_or(names::ALBANIAN);
    let given_names = if rng.chance(50) {
        pool.female
    } else {
        pool.male
    };
    let full = ctx.unique.take(&mut rng, |r| {
        format!("{} {}", r.pick(given_names), r.pick(pool.surnames))
    });
    let (first, last) = full.split_once(' ').unwrap_or((full.as_str(), ""));
    let town = if pool.towns.is_empty() {
        names::TOWNS
            .get(rng.weighted(&names::TOWNS.iter().map(|(_, w)| *w).collect::<Vec<_>>()))
            .map(|(t, _)| *t)
            .unwrap_or(names::PRISHTINE)
    } else {
        rng.pick(pool.towns)
    };
    let street = format!("{} {}", rng.pick(pool.streets), rng.range(1, 120));
    let born = ymd(
        1950 + i32::try_from(rng.range(0, 53)).unwrap_or(30),
        rng.range_u32(1, 12),
        rng.range_u32(1, 28),
    );
    let email_domain = match rng.weighted(&[80, 10, 10]) {
        0 => Some("example.com"),
        1 => Some("example.org"),
        _ => None,
    };
    let person = Person {
        email_domain,
        ..resident(first, last, born, town, &street)
    };

    let mut mobile = rng.chance(85);
    let internet = rng.chance(55);
    let tv = if internet && rng.chance(60) {
        Some(if rng.chance(50) { Tv::Tvim } else { Tv::Dtv })
    } else if !internet && rng.chance(20) {
        Some(Tv::Dtv)
    } else {
        None
    };
    let fixed = rng.chance(if internet { 40 } else { 10 });
    if !internet && tv.is_none() && !fixed {
        // Everyone here is a customer of something.
        mobile = true;
    }
    let mut services = Vec::new();
    let mut b = Builder::new(ctx, rng, index, person, "");
    if mobile {
        let lines = if b.rng.chance(25) { 2 } else { 1 };
        for _ in 0..lines {
            let postpaid = b.rng.chance(65);
            b.mobile_line(postpaid);
        }
        services.push(if lines > 1 {
            "two mobile lines"
        } else {
            "mobile"
        });
    } else {
        b.contact_number();
    }
    if internet {
        b.home_internet(false);
        services.push("home internet");
    }
    match tv {
        Some(Tv::Dtv) => {
            b.tv(Tv::Dtv);
            services.push("DTV");
        }
        Some(Tv::Tvim) => {
            b.tv(Tv::Tvim);
            services.push("TVIM");
        }
        None => {}
    }
    if fixed {
        b.fixed_line();
        services.push("fixed line");
    }
    if b.rng.chance(35) {
        let n = b.rng.range(1, 3);
        b.online_orders(n);
    }
    if b.rng.chance(30) {
        let n = b.rng.range(1, 2);
        b.complaints(n);
    }
    if b.rng.chance(25) {
        b.enquiries(1);
    }
    b.random_consents();
    if b.rng.chance(10) {
        let kind = if b.rng.chance(50) {
            RightKind::Access
        } else {
            RightKind::Objection
        };
        let at = b.days_ago(100, 600);
        b.request(kind, at, RequestState::Completed);
    }
    b.light_traffic(200);
    let mut customer = b.finish();
    customer.case = format!("typical customer: {}", services.join(", "));
    customer
}

/// Every channel choice a consent record may name, for tests that walk all of them.
#[cfg(test)]
pub(super) fn all_choices() -> Vec<(ConsentPurpose, Option<Channel>)> {
    use super::builder::channels_of;
    ConsentPurpose::ALL
        .into_iter()
        .flat_map(|p| channels_of(p).into_iter().map(move |c| (p, c)))
        .collect()
}
