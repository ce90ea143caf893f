//! The incident figures of one ISO year as managers see them: per area and quarter, per area,
//! per category and in all. A quarter is published when it ends (its area figures and the
//! municipality's), the year's totals and categories when the year ends; each step is
//! protected against disclosure on top of everything published before it
//! ([`crate::disclosure`]). Years never share a figure, so each is its own system.

use crate::disclosure::{Figure, Network};

/// Incidents of one ISO year: per area and quarter (by ISO week), and per category.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct YearCounts {
    pub areas: Vec<[u32; 4]>,
    pub categories: Vec<u32>,
}

impl YearCounts {
    pub fn total(&self) -> u32 {
        self.areas.iter().flatten().sum()
    }
}

/// Per row: four quarters, then the year; `None` where nothing is published (yet).
pub type Row = [Option<Figure>; 5];

/// What is shown of a year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearFigures {
    pub areas: Vec<Row>,
    /// The whole municipality.
    pub total: Row,
    pub categories: Vec<Option<Figure>>,
    /// Some figures were kept back ("dolt") because nothing else could protect them.
    pub withheld: bool,
}

/// The network of a year: where each figure sits.
pub struct YearNetwork {
    pub network: Network,
    /// Per area: the quarters' arcs, then the year's.
    pub areas: Vec<[usize; 5]>,
    pub total: [usize; 5],
    pub categories: Vec<usize>,
}

// Sums: the areas' years flow from SOURCE through each area, its quarters into the
// municipality's quarters, those into the year, and the year out through the categories.
const SOURCE: usize = 0;
const CATEGORIES: usize = 1;
const YEAR: usize = 2;
const QUARTERS: usize = 3;
const AREAS: usize = 7;

/// Priorities for secondary suppression: detail first, the municipality's year last.
const DETAIL: u8 = 0;
const SUBTOTAL: u8 = 1;
const GRAND: u8 = 2;

impl YearNetwork {
    /// Every figure of the year, none published.
    pub fn new(counts: &YearCounts) -> Self {
        let mut network = Network::new(AREAS + counts.areas.len());
        let mut quarter_sums = [0u32; 4];
        let areas = counts
            .areas
            .iter()
            .enumerate()
            .map(|(a, quarters)| {
                let node = AREAS + a;
                let mut arcs = [0; 5];
                for (q, n) in quarters.iter().enumerate() {
                    arcs[q] = network.arc(node, QUARTERS + q, *n, DETAIL);
                    quarter_sums[q] += n;
                }
                arcs[4] = network.arc(SOURCE, node, quarters.iter().sum(), SUBTOTAL);
                arcs
            })
            .collect();
        let mut total = [0; 5];
        for (q, n) in quarter_sums.iter().enumerate() {
            total[q] = network.arc(QUARTERS + q, YEAR, *n, SUBTOTAL);
        }
        total[4] = network.arc(YEAR, CATEGORIES, counts.total(), GRAND);
        let categories = counts
            .categories
            .iter()
            .map(|n| network.arc(CATEGORIES, SOURCE, *n, DETAIL))
            .collect();
        YearNetwork {
            network,
            areas,
            total,
            categories,
        }
    }

    /// The figures published when quarter `q` (0–3) ends; the last one ends the year too.
    fn due_at(&self, q: usize) -> Vec<usize> {
        let mut due: Vec<usize> = self.areas.iter().map(|a| a[q]).collect();
        due.push(self.total[q]);
        if q == 3 {
            due.extend(self.areas.iter().map(|a| a[4]));
            due.push(self.total[4]);
            due.extend(&self.categories);
        }
        due
    }

    fn figures(&self, withheld: bool) -> YearFigures {
        let row = |arcs: &[usize; 5]| arcs.map(|i| self.network.figure(i));
        YearFigures {
            areas: self.areas.iter().map(row).collect(),
            total: row(&self.total),
            categories: self
                .categories
                .iter()
                .map(|i| self.network.figure(*i))
                .collect(),
            withheld,
        }
    }
}

/// The year as a manager sees it once `complete` of its quarters have ended (4: the year has),
/// replaying each quarter's publication in order. Also returns the network, for audits.
pub fn publish_year(counts: &YearCounts, complete: usize) -> (YearFigures, YearNetwork) {
    debug_assert_eq!(counts.total(), counts.categories.iter().sum::<u32>());
    let mut year = YearNetwork::new(counts);
    let mut withheld = false;
    for q in 0..complete.min(4) {
        let due = year.due_at(q);
        withheld |= !year.network.publish(&due);
    }
    (year.figures(withheld), year)
}

/// The year in exact figures for the roles that see everything: the quarters up to and with
/// `through` (1–4; the running one included) and the year so far.
pub fn exact_year(counts: &YearCounts, through: usize) -> YearFigures {
    let row = |quarters: &[u32; 4]| {
        let mut row = [None; 5];
        for (q, n) in quarters.iter().enumerate().take(through) {
            row[q] = Some(Figure::Count(*n));
        }
        row[4] = Some(Figure::Count(quarters.iter().sum()));
        row
    };
    let mut totals = [0u32; 4];
    for quarters in &counts.areas {
        for (q, n) in quarters.iter().enumerate() {
            totals[q] += n;
        }
    }
    YearFigures {
        areas: counts.areas.iter().map(row).collect(),
        total: row(&totals),
        categories: counts
            .categories
            .iter()
            .map(|n| Some(Figure::Count(*n)))
            .collect(),
        withheld: false,
    }
}

#[cfg(test)]
#[path = "statistics_tests.rs"]
mod tests;
