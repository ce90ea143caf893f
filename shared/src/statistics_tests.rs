use proptest::prelude::*;

use super::*;
use crate::disclosure::State;

/// The attack from the issue: an area's weeks W46–W49 read "<3", 0, 5, "<3", and the complete
/// list of its places over the same weeks reads 3 and 4. Both add up the same incidents, so the
/// hidden weeks sum to 2 and each is 1.
#[test]
fn the_weeks_and_places_attack_is_found_and_then_prevented() {
    let mut n = Network::new(2);
    let weeks: Vec<usize> = [1, 0, 5, 1].iter().map(|v| n.arc(0, 1, *v, 0)).collect();
    let places: Vec<usize> = [3, 4].iter().map(|v| n.arc(1, 0, *v, 0)).collect();
    let all: Vec<usize> = weeks.iter().chain(&places).copied().collect();

    let mut primary_only = n.clone();
    primary_only.primary(&all);
    assert_eq!(primary_only.exposed(), vec![weeks[0], weeks[3]]);
    assert_eq!(primary_only.range(weeks[0]), (1, Some(1)));

    assert!(n.publish(&all));
    assert!(n.exposed().is_empty());
    for w in [weeks[0], weeks[3]] {
        let (low, high) = n.range(w);
        assert!(low <= 1 && high.is_none_or(|h| h >= 2), "{:?}", n.range(w));
    }
    // The place of 3 is the smallest figure that protects them.
    assert_eq!(n.figure(places[0]), Some(Figure::Hidden));
    assert_eq!(n.figure(weeks[2]), Some(Figure::Count(5)));
}

/// A year of three areas with one small quarter, followed through its four publications.
#[test]
fn a_small_quarter_is_protected_in_its_quarter_and_again_at_the_year_end() {
    let counts = YearCounts {
        areas: vec![[10, 12, 9, 11], [2, 8, 7, 6], [9, 10, 12, 8]],
        categories: vec![50, 40, 14],
    };
    let (q1, _) = publish_year(&counts, 1);
    let c = |n| Some(Figure::Count(n));
    let hidden = Some(Figure::Hidden);
    // The first quarter alone: its total would give "<3" away, so the smallest other area
    // figure of that quarter is hidden with it.
    assert_eq!(q1.areas[1][0], Some(Figure::Small));
    assert_eq!(q1.areas[2][0], hidden);
    assert_eq!((q1.areas[0][0], q1.total[0]), (c(10), c(21)));
    assert_eq!(q1.areas[0][1], None, "the second quarter is not over");

    let (year, network) = publish_year(&counts, 4);
    // What was shown stays as shown.
    assert_eq!(year.areas[1][0], Some(Figure::Small));
    assert_eq!(year.areas[2][0], hidden);
    // The area's year would give the small quarter away, so its fourth quarter is hidden, and
    // then a second figure of that quarter.
    assert_eq!(year.areas[1][3], hidden);
    assert_eq!(year.areas[2][3], hidden);
    assert_eq!(year.areas[1][4], c(23));
    assert_eq!(year.total, [c(21), c(30), c(28), c(25), c(104)]);
    assert_eq!(year.categories, vec![c(50), c(40), c(14)]);
    assert!(!year.withheld);
    assert_eq!(network.network.range(network.areas[1][0]), (1, Some(2)));
}

#[test]
fn figures_of_three_or_more_are_shown_as_they_are() {
    let counts = YearCounts {
        areas: vec![[3, 0, 5, 9], [4, 4, 0, 3]],
        categories: vec![28, 0],
    };
    let (year, _) = publish_year(&counts, 4);
    let exact = exact_year(&counts, 4);
    assert_eq!(year, exact);
    assert_eq!(year.total[4], Some(Figure::Count(28)));
}

#[test]
fn exact_years_show_the_running_quarter_and_the_year_so_far() {
    let counts = YearCounts {
        areas: vec![[1, 2, 0, 0]],
        categories: vec![3],
    };
    let year = exact_year(&counts, 2);
    let c = |n| Some(Figure::Count(n));
    assert_eq!(year.areas[0], [c(1), c(2), None, None, c(3)]);
}

#[test]
fn figures_read_the_same_in_the_legend_and_the_download() {
    use crate::lang::Lang;
    assert_eq!(Figure::Small.text(Lang::Sv), "<3");
    assert_eq!(Figure::Hidden.text(Lang::Sv), "dolt");
    assert_eq!(Figure::Hidden.text(Lang::En), "hidden");
    assert_eq!(Figure::NoData.text(Lang::En), "–");
    assert_eq!(Figure::Count(0).text(Lang::Sv), "0");
}

/// Two areas by two quarters with their sums: every way of filling the cells in (up to 12
/// each) that agrees with what is shown, against the audit's ranges.
fn brute_force(values: [u32; 4], states: &[State; 9]) -> Vec<std::collections::BTreeSet<u32>> {
    let bounds = |v: u32, s: State, actual: u32| match s {
        State::Shown => v == actual,
        State::Small => (1..=2).contains(&v),
        State::Hidden => v >= 3,
        State::Unpublished | State::Withheld => true,
    };
    let actual = derived(values);
    let mut seen = vec![std::collections::BTreeSet::new(); 9];
    for x in 0..13u32.pow(4) {
        let cells = [x % 13, x / 13 % 13, x / 169 % 13, x / 2197];
        let all = derived(cells);
        if (0..9).all(|i| bounds(all[i], states[i], actual[i])) {
            for i in 0..9 {
                seen[i].insert(all[i]);
            }
        }
    }
    seen
}

/// x11 x12 x21 x22, then the areas' sums, the quarters' sums and the total.
fn derived(x: [u32; 4]) -> [u32; 9] {
    let (r1, r2) = (x[0] + x[1], x[2] + x[3]);
    [
        x[0],
        x[1],
        x[2],
        x[3],
        r1,
        r2,
        x[0] + x[2],
        x[1] + x[3],
        r1 + r2,
    ]
}

fn small_table(values: [u32; 4]) -> (Network, Vec<usize>) {
    // Sums: 0 source, 1–2 areas, 3–4 quarters, 5 total.
    let mut n = Network::new(6);
    let v = derived(values);
    let arcs = vec![
        n.arc(1, 3, v[0], 0),
        n.arc(1, 4, v[1], 0),
        n.arc(2, 3, v[2], 0),
        n.arc(2, 4, v[3], 0),
        n.arc(0, 1, v[4], 1),
        n.arc(0, 2, v[5], 1),
        n.arc(3, 5, v[6], 1),
        n.arc(4, 5, v[7], 1),
        n.arc(5, 0, v[8], 2),
    ];
    (n, arcs)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// The max-flow audit knows exactly what trying every table would tell a reader.
    #[test]
    fn the_audit_agrees_with_trying_every_table(
        values in prop::array::uniform4(0u32..5),
        hide in prop::array::uniform9(0u8..3),
    ) {
        let (mut n, arcs) = small_table(values);
        let v = derived(values);
        let mut states = [State::Unpublished; 9];
        for i in 0..9 {
            states[i] = match (hide[i], v[i]) {
                (0, _) => State::Unpublished,
                (_, 0) | (1, _) => State::Shown,
                (_, 1..=2) => State::Small,
                _ => State::Hidden,
            };
            n.set(arcs[i], states[i]);
        }
        let seen = brute_force(values, &states);
        let exposed = n.exposed();
        for i in 0..9 {
            let (low, high) = n.range(arcs[i]);
            let (least, most) = (*seen[i].first().unwrap(), *seen[i].last().unwrap());
            prop_assert_eq!(low, least, "arc {}", i);
            // The brute force stops at 12 per cell; below that the two must agree.
            if most < 12 {
                prop_assert_eq!(high, Some(most), "arc {}", i);
            }
            let worked_out = match states[i] {
                State::Small => !(seen[i].contains(&1) && seen[i].contains(&2)),
                State::Hidden => seen[i].len() < 2,
                _ => false,
            };
            prop_assert_eq!(exposed.contains(&arcs[i]), worked_out, "arc {}", i);
        }
    }

    /// Random municipalities: whatever a quarter brings, nothing hidden can be worked out from
    /// everything shown so far, and nothing once shown changes.
    #[test]
    fn no_hidden_figure_can_be_worked_out_at_any_time(
        areas in prop::collection::vec(prop::array::uniform4(0u32..9), 1..7),
        split in 1usize..6,
    ) {
        let mut counts = YearCounts { areas, categories: vec![0; split] };
        for i in 0..counts.total() as usize {
            counts.categories[(i * 7) % split] += 1;
        }
        let mut before: Option<YearFigures> = None;
        for complete in 0..=4 {
            let (figures, year) = publish_year(&counts, complete);
            prop_assert!(year.network.exposed().is_empty());
            let rows = figures.areas.iter().chain([&figures.total]);
            let truth = counts.areas.iter().map(|a| [a[0], a[1], a[2], a[3], a.iter().sum()]);
            for (row, truth) in rows.zip(truth) {
                for (figure, value) in row.iter().zip(truth) {
                    match figure {
                        Some(Figure::Count(n)) => {
                            prop_assert_eq!(*n, value);
                            prop_assert!(!(1..=2).contains(n));
                        }
                        Some(Figure::Small) => prop_assert!((1..=2).contains(&value)),
                        _ => {}
                    }
                }
            }
            if let Some(before) = &before {
                let earlier = before.areas.iter().chain([&before.total]);
                let now = figures.areas.iter().chain([&figures.total]);
                for (was, is) in earlier.flatten().zip(now.flatten()) {
                    if was.is_some() {
                        prop_assert_eq!(was, is);
                    }
                }
            }
            before = Some(figures);
        }
    }
}
