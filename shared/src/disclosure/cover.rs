//! Secondary suppression: the cheapest further figures to hide so that an exposed one can take
//! another value.

use super::{Network, State};

impl Network {
    /// The cheapest set of figures of `new` (3 or more, still shown) whose hiding lets
    /// `exposed` take another value: a cycle through it along which every figure can move by
    /// one within what a reader knows of it, while everything else stays as it is. Detail is
    /// cheaper than totals, small figures cheaper than large ones. `None` when no cycle exists.
    pub(super) fn cheapest_cover(&self, exposed: usize, new: &[usize]) -> Option<Vec<usize>> {
        let e = &self.arcs[exposed];
        let value = i64::from(e.value);
        let (low, high) = self.bounds(exposed);
        let mut best: Option<(u64, Vec<usize>)> = None;
        // Raising the figure sends one more unit from its `to` back round to its `from`;
        // lowering it, the other way.
        for (up, possible) in [(true, value < high), (false, value > low)] {
            if !possible {
                continue;
            }
            let (start, goal) = if up { (e.to, e.from) } else { (e.from, e.to) };
            if let Some(found) = self.cheapest_path(start, goal, exposed, new)
                && best.as_ref().is_none_or(|b| found.0 < b.0)
            {
                best = Some(found);
            }
        }
        best.map(|b| b.1)
    }

    /// Dijkstra from `start` to `goal` over the figures that can carry one more unit (forward)
    /// or one less (backward); figures of `new` still shown cost, varying ones are free.
    fn cheapest_path(
        &self,
        start: usize,
        goal: usize,
        skip: usize,
        new: &[usize],
    ) -> Option<(u64, Vec<usize>)> {
        let is_new = |i: usize| new.contains(&i);
        // The cost of moving arc `i` by one in direction `up`, `None` when it cannot.
        let step = |i: usize, up: bool| -> Option<u64> {
            let a = &self.arcs[i];
            let v = i64::from(a.value);
            match a.state {
                State::Shown if is_new(i) && a.value >= 3 => {
                    (up || v > 3).then(|| u64::from(a.priority) * 50 + u64::from(a.value))
                }
                State::Shown => None,
                _ => {
                    let (low, high) = self.bounds(i);
                    (if up { v < high } else { v > low }).then_some(0)
                }
            }
        };
        let mut cost = vec![u64::MAX; self.nodes];
        let mut came: Vec<Option<(usize, usize)>> = vec![None; self.nodes];
        let mut queue = std::collections::BinaryHeap::new();
        cost[start] = 0;
        queue.push(std::cmp::Reverse((0u64, start)));
        while let Some(std::cmp::Reverse((c, node))) = queue.pop() {
            if c > cost[node] {
                continue;
            }
            if node == goal {
                break;
            }
            for (i, a) in self.arcs.iter().enumerate() {
                if i == skip {
                    continue;
                }
                let (next, up) = if a.from == node {
                    (a.to, true)
                } else if a.to == node {
                    (a.from, false)
                } else {
                    continue;
                };
                let Some(extra) = step(i, up) else { continue };
                if c + extra < cost[next] {
                    cost[next] = c + extra;
                    came[next] = Some((node, i));
                    queue.push(std::cmp::Reverse((c + extra, next)));
                }
            }
        }
        if cost[goal] == u64::MAX {
            return None;
        }
        let mut arcs = Vec::new();
        let mut at = goal;
        while let Some((before, arc)) = came[at] {
            if self.arcs[arc].state == State::Shown {
                arcs.push(arc);
            }
            at = before;
        }
        Some((cost[goal], arcs))
    }
}
