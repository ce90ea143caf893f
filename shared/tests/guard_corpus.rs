//! The personal-data guard against a corpus of Swedish and English text: what must be refused
//! (identity numbers, phone numbers, e-mail addresses and plates, in the spellings people and
//! keyboards produce) and what must pass (ordinary numbers: rooms, bus lines, roads, laws,
//! property designations, dates, times, amounts, postcodes, case numbers). Precision and
//! recall must both be at least 99%; `cargo test -p shared --test guard_corpus -- --nocapture`
//! prints them (the README reports them).

use shared::guard::scan;

/// Valid identity numbers (date and checksum), written without a separator.
const IDENTITY: [&str; 6] = [
    "8112189876",
    "8507099805",
    "4606142380",
    "0212291231",
    "1212121212",
    "7901014121",
];

fn identity_spellings() -> Vec<String> {
    let mut out = Vec::new();
    for n in IDENTITY {
        let (date, last) = n.split_at(6);
        for sep in ["", "-", " ", "\u{2013}", "\u{2011}", "\u{200B}-"] {
            out.push(format!(
                "Pojken med nummer {date}{sep}{last} sågs vid torget."
            ));
        }
        let century = if date.starts_with('0') || date.starts_with('1') {
            "20"
        } else {
            "19"
        };
        out.push(format!("pnr {century}{date}-{last}"));
    }
    out
}

fn phone_spellings() -> Vec<String> {
    let mut out = Vec::new();
    for (a, b, c, d) in [
        ("070", "123", "45", "67"),
        ("073", "555", "12", "34"),
        ("076", "901", "22", "10"),
    ] {
        for sep in [" ", "-", ".", "/", "\u{00A0}", "\u{2013}", " - "] {
            out.push(format!("Ring {a}{sep}{b} {c} {d} om något händer."));
        }
        out.push(format!("Call {a}{b}{c}{d} tonight"));
        out.push(format!("+46 {} {b} {c} {d}", &a[1..]));
        out.push(format!("0046{}{b}{c}{d}", &a[1..]));
    }
    for text in [
        "08-123 456 78",
        "(08) 123 456 78",
        "0176-711 00",
        "018-12 34 56",
        "+44 20 7946 0958",
        "tel. 0175 123 45",
        "070\u{200B}-123 45 67",
    ] {
        out.push(text.to_owned());
    }
    out
}

fn email_spellings() -> Vec<String> {
    let mut out = Vec::new();
    for (user, host) in [
        ("anna.berg", "skola.norrtalje.se"),
        ("kalle", "example.org"),
        ("m.ek", "polisen.se"),
    ] {
        for at in ["@", " @ ", "(at)", " (at) ", "[at]", " [at] ", "\u{200B}@"] {
            out.push(format!("Mejla {user}{at}{host} i morgon."));
        }
    }
    out
}

fn plate_spellings() -> Vec<String> {
    let mut out = Vec::new();
    for (l, d) in [
        ("ABC", "123"),
        ("MLB", "987"),
        ("XYZ", "12A"),
        ("GHJ", "404"),
        ("DPK", "55T"),
    ] {
        for form in [
            format!("{l} {d}"),
            format!("{l}{d}"),
            format!("{l}-{d}"),
            format!("{l}  {d}"),
            format!("{} {d}", l.to_lowercase()),
            format!("{}{} {d}", &l[..1], l[1..].to_lowercase()),
        ] {
            out.push(format!("Bilen {form} stod parkerad vid skolan."));
        }
    }
    out
}

const ORDINARY: [&str; 70] = [
    "Trasig belysning i rum 101 på skolan.",
    "Buss 676 mot Uppsala var försenad.",
    "Olycka på väg 76 vid avfarten.",
    "Trafiken på E18 stod still.",
    "Enligt Lag 2023:196 ska kommunen ta fram en lägesbild.",
    "Se SOU 2021:49 om kommunernas brottsförebyggande arbete.",
    "Fastigheten Rimbo 2:14 har klotter på gaveln.",
    "Händelsen inträffade 2026-11-24 kl 13:00.",
    "24/11/2026 på kvällen.",
    "2026.11.24 runt klockan 21.30.",
    "Kostnaden blev 1 500 kr, totalt 12 000 kr.",
    "Postnummer 761 30 Norrtälje.",
    "Adressen är 114 14 Stockholm.",
    "Ring 112 vid fara för liv.",
    "Polisens diarienummer K-123456-26.",
    "Mellan 100 och 200 personer samlades.",
    "SEK 500 i skadegörelse.",
    "Se sid 12 i rapporten.",
    "Klockan 21.30 samlades 15-20 ungdomar.",
    "Vecka 48, 2026.",
    "Trasiga lampor 1-4 längs gångvägen.",
    "Org.nr 212000-0142 gäller kommunen.",
    "Kamera 3 av 12, ordernummer 55501234.",
    "Ungefär 30 % av lamporna var trasiga.",
    "Hastigheten var 70 km/h.",
    "Temperaturen var -5 grader.",
    "Linje 639 och 621 stannar här.",
    "Brandlarmet gick 03:15 och 04:40.",
    "Skadan uppskattas till 25 000 SEK.",
    "Area 1 200 kvm drabbades.",
    "Ärendet har nummer 2026/1234.",
    "Sektion 4, plan 2, rum 214.",
    "Stolpe 17 av 40 saknar lampa.",
    "Gångtunneln vid km 3,5.",
    "Cirka 50-60 personer vid 22-tiden.",
    "Meeting at 15:00 on 2026-12-02.",
    "Bus 676 was late again.",
    "Room 101 had a broken window.",
    "Damage estimated at 12,000 kronor.",
    "About 30 youths gathered at 21:30.",
    "The fire started around 03.15.",
    "We counted 120 and then 140 people.",
    "Träffas @ torget 13.00.",
    "Samling vid ICA kl 18.",
    "Hus 4 och hus 6 hade klotter.",
    "Box 123, 761 21 Norrtälje.",
    "Tkr 500 i budget.",
    "Rapporten per 30 november.",
    "Det var tre 18-åringar.",
    "Tåg 42 från Uppsala.",
    "Hållplats 3 på Stora torget.",
    "Mot 1990-talets nivåer.",
    "Mer än 200 meter.",
    "Upp till 300 kr i böter.",
    "Sedan 2019 har det blivit bättre.",
    "Under perioden 2024-2026.",
    "Telefonen låg i fack 12.",
    "Nivå 3 av 5.",
    "Bilen var röd och ny.",
    "Mopeden saknade skyltar.",
    "Ungdomar i 15-årsåldern.",
    "Cykel nr 12 i stället.",
    "Skylten vid 06.45 var trasig.",
    "Öppettider 08-17 vardagar.",
    "Lampor 1/4 trasiga.",
    "Kvarteret Ekorren 7.",
    "Plan 5 i P-huset.",
    "Parkeringsplats 101-120.",
    "Kostnadsställe 4100.",
    "Brand i container 2 av 3.",
];

#[test]
fn the_guard_refuses_at_least_99_per_cent_of_personal_data_and_passes_99_per_cent_of_the_rest() {
    let positives: Vec<String> = identity_spellings()
        .into_iter()
        .chain(phone_spellings())
        .chain(email_spellings())
        .chain(plate_spellings())
        .collect();
    let (mut tp, mut fn_, mut fp, mut tn) = (0usize, 0usize, 0usize, 0usize);
    let mut misses = Vec::new();
    for text in &positives {
        if scan(text).is_empty() {
            fn_ += 1;
            misses.push(format!("missed: {text:?}"));
        } else {
            tp += 1;
        }
    }
    for text in ORDINARY {
        if scan(text).is_empty() {
            tn += 1;
        } else {
            fp += 1;
            misses.push(format!("refused: {text:?} {:?}", scan(text)));
        }
    }
    let precision = tp as f64 / (tp + fp) as f64;
    let recall = tp as f64 / (tp + fn_) as f64;
    let total = tp + fn_ + fp + tn;
    println!(
        "guard corpus: {total} cases ({} to refuse, {} to pass); precision {:.1}%, recall {:.1}%",
        positives.len(),
        ORDINARY.len(),
        precision * 100.0,
        recall * 100.0
    );
    assert!(total >= 200, "{total} cases");
    assert!(precision >= 0.99 && recall >= 0.99, "{misses:#?}");
}
