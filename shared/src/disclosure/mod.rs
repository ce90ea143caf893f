//! Statistical disclosure control for the figures managers see, as statistics offices do it
//! before they publish tables.
//!
//! Published figures and the sums that tie them together form a network: every figure is an
//! arc, every published sum a node where what flows in flows out. A count of 1 or 2 is shown as
//! "<3" (primary suppression). Then an exact audit asks, for each hidden figure, which values
//! are consistent with everything shown: the linear-programming attack. A network's constraint
//! matrix is totally unimodular, so whether a value is possible is a max-flow question answered
//! exactly in integers. Where a hidden figure could be worked out, one more figure of 3 or more
//! is hidden ("dolt", secondary suppression), until none can.
//!
//! Figures are published over time (a quarter when it ends, the year's totals when it ends), so
//! only figures published in the same step may be chosen for secondary suppression: a figure
//! once shown stays shown, and everything shown at any time is audited together.

use serde::{Deserialize, Serialize};

use crate::lang::Lang;
use flow::MaxFlow;

mod cover;
mod flow;

/// A figure as a manager sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Figure {
    Count(u32),
    /// One or two.
    Small,
    /// Hidden so that no small figure can be worked out from the others.
    Hidden,
    /// Nothing recorded for the period.
    NoData,
}

impl Figure {
    pub fn text(self, lang: Lang) -> String {
        match self {
            Figure::Count(n) => n.to_string(),
            Figure::Small => "<3".to_owned(),
            Figure::Hidden => match lang {
                Lang::Sv => "dolt".to_owned(),
                Lang::En => "hidden".to_owned(),
            },
            Figure::NoData => "–".to_owned(),
        }
    }

    pub fn count(self) -> Option<u32> {
        match self {
            Figure::Count(n) => Some(n),
            _ => None,
        }
    }
}

/// Where a figure stands in publication.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Not due yet: its period is still running.
    Unpublished,
    Shown,
    /// Shown as "<3".
    Small,
    /// Shown as "dolt"; by construction at least 3.
    Hidden,
    /// Due but kept back because nothing else could protect it.
    Withheld,
}

#[derive(Debug, Clone)]
struct Arc {
    from: usize,
    to: usize,
    value: u32,
    state: State,
    /// Secondary suppression takes lower priorities first (detail before totals).
    priority: u8,
}

/// Figures as arcs between the sums they add up to.
#[derive(Debug, Clone, Default)]
pub struct Network {
    nodes: usize,
    arcs: Vec<Arc>,
}

/// An upper bound that no count reaches.
const UNBOUNDED: i64 = 1 << 40;

impl Network {
    pub fn new(nodes: usize) -> Self {
        Network {
            nodes,
            arcs: Vec::new(),
        }
    }

    /// Adds a figure flowing from sum `from` into sum `to`, unpublished; returns its index.
    pub fn arc(&mut self, from: usize, to: usize, value: u32, priority: u8) -> usize {
        self.arcs.push(Arc {
            from,
            to,
            value,
            state: State::Unpublished,
            priority,
        });
        self.arcs.len() - 1
    }

    /// What a manager sees of `arc`; `None` while it is not published.
    pub fn figure(&self, arc: usize) -> Option<Figure> {
        let a = &self.arcs[arc];
        match a.state {
            State::Unpublished => None,
            State::Shown => Some(Figure::Count(a.value)),
            State::Small => Some(Figure::Small),
            State::Hidden | State::Withheld => Some(Figure::Hidden),
        }
    }

    /// What a reader who knows these rules knows of the arc's value.
    fn bounds(&self, arc: usize) -> (i64, i64) {
        let a = &self.arcs[arc];
        match a.state {
            State::Shown => (a.value.into(), a.value.into()),
            State::Small => (1, 2),
            State::Hidden => (3, UNBOUNDED),
            State::Unpublished | State::Withheld => (0, UNBOUNDED),
        }
    }

    /// Whether some values within everyone's bounds, with `fixed` set to its value, add up at
    /// every sum: a feasible circulation, found as a max flow.
    fn feasible(&self, fixed: Option<(usize, i64)>) -> bool {
        let (source, sink) = (self.nodes, self.nodes + 1);
        let mut flow = MaxFlow::new(self.nodes + 2);
        let mut balance = vec![0i64; self.nodes];
        for (i, a) in self.arcs.iter().enumerate() {
            let (low, high) = match fixed {
                Some((arc, value)) if arc == i => (value, value),
                _ => self.bounds(i),
            };
            flow.edge(a.from, a.to, high - low);
            balance[a.to] += low;
            balance[a.from] -= low;
        }
        let mut needed = 0;
        for (node, b) in balance.into_iter().enumerate() {
            if b > 0 {
                flow.edge(source, node, b);
                needed += b;
            } else if b < 0 {
                flow.edge(node, sink, -b);
            }
        }
        flow.run(source, sink) == needed
    }

    /// The values of `arc` consistent with everything published: lowest and highest, `None`
    /// when unbounded. Every integer between them is possible too (total unimodularity).
    pub fn range(&self, arc: usize) -> (u32, Option<u32>) {
        let value = i64::from(self.arcs[arc].value);
        let (low, high) = self.bounds(arc);
        let at = |v: i64| self.feasible(Some((arc, v)));
        // Smallest feasible in [low, value].
        let (mut lo, mut hi) = (low, value);
        while lo < hi {
            let mid = (lo + hi) / 2;
            if at(mid) { hi = mid } else { lo = mid + 1 }
        }
        let least = lo as u32;
        // Largest feasible in [value, high], where far beyond any count means unbounded.
        let far = value + (1 << 32);
        if high >= UNBOUNDED && at(far) {
            return (least, None);
        }
        let (mut lo, mut hi) = (value, high.min(far));
        while lo < hi {
            let mid = (lo + hi + 1) / 2;
            if at(mid) { lo = mid } else { hi = mid - 1 }
        }
        (least, Some(lo as u32))
    }

    /// Whether a reader could work out `arc`'s value: for "<3" both 1 and 2 must be possible,
    /// for "dolt" two values of 3 or more.
    fn is_exposed(&self, arc: usize) -> bool {
        let value = i64::from(self.arcs[arc].value);
        match self.arcs[arc].state {
            State::Small => !self.feasible(Some((arc, 3 - value))),
            State::Hidden => {
                !(self.feasible(Some((arc, value + 1)))
                    || (value > 3 && self.feasible(Some((arc, value - 1)))))
            }
            _ => false,
        }
    }

    /// The hidden figures a reader could work out, by index.
    pub fn exposed(&self) -> Vec<usize> {
        (0..self.arcs.len())
            .filter(|&i| self.is_exposed(i))
            .collect()
    }

    /// Publishes `new` (figures whose period just ended): 1 and 2 as "<3", then hides more of
    /// `new`, 3 or more each, until no hidden figure can be worked out. Returns `false` when
    /// that was impossible and all of `new` was withheld instead.
    pub fn publish(&mut self, new: &[usize]) -> bool {
        self.primary(new);
        let mut chosen = Vec::new();
        while let Some(&exposed) = self.exposed().first() {
            let Some(cycle) = self.cheapest_cover(exposed, new) else {
                for &i in new {
                    self.arcs[i].state = State::Withheld;
                }
                return false;
            };
            for i in cycle {
                self.arcs[i].state = State::Hidden;
                chosen.push(i);
            }
        }
        // Show again what turned out not to be needed, latest choice first.
        for &i in chosen.iter().rev() {
            self.arcs[i].state = State::Shown;
            if !self.exposed().is_empty() {
                self.arcs[i].state = State::Hidden;
            }
        }
        true
    }

    /// Shows `new` with primary suppression only: 1 and 2 as "<3".
    pub fn primary(&mut self, new: &[usize]) {
        for &i in new {
            let a = &mut self.arcs[i];
            a.state = if (1..=2).contains(&a.value) {
                State::Small
            } else {
                State::Shown
            };
        }
    }

    /// Records what a reader saw of `arc` (on any page), for auditing figures as shown: a count
    /// is exact, "<3" one or two, "dolt" at least 3, "–" (nothing recorded) none. Returns
    /// whether that agrees with the arc's value.
    pub fn observe(&mut self, arc: usize, figure: Figure) -> bool {
        let a = &mut self.arcs[arc];
        let (state, agrees) = match figure {
            Figure::Count(n) => (State::Shown, n == a.value),
            Figure::NoData => (State::Shown, a.value == 0),
            Figure::Small => (State::Small, (1..=2).contains(&a.value)),
            Figure::Hidden => (State::Hidden, a.value >= 3),
        };
        a.state = state;
        agrees
    }

    /// Sets a figure's state as a reader would see it, for tests of the audit.
    #[cfg(test)]
    pub(crate) fn set(&mut self, arc: usize, state: State) {
        self.arcs[arc].state = state;
    }
}
