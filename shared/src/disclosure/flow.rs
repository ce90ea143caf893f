//! Maximum flow, for the feasibility checks of the audit.

use super::UNBOUNDED;

/// Dinic's maximum flow, on the few dozen sums of one year.
pub(super) struct MaxFlow {
    edges: Vec<(usize, i64)>,
    out: Vec<Vec<usize>>,
}

impl MaxFlow {
    pub(super) fn new(nodes: usize) -> Self {
        MaxFlow {
            edges: Vec::new(),
            out: vec![Vec::new(); nodes],
        }
    }

    pub(super) fn edge(&mut self, from: usize, to: usize, capacity: i64) {
        self.out[from].push(self.edges.len());
        self.edges.push((to, capacity));
        self.out[to].push(self.edges.len());
        self.edges.push((from, 0));
    }

    pub(super) fn run(&mut self, source: usize, sink: usize) -> i64 {
        let mut total = 0;
        loop {
            let mut level = vec![usize::MAX; self.out.len()];
            level[source] = 0;
            let mut queue = std::collections::VecDeque::from([source]);
            while let Some(n) = queue.pop_front() {
                for &e in &self.out[n] {
                    let (to, cap) = self.edges[e];
                    if cap > 0 && level[to] == usize::MAX {
                        level[to] = level[n] + 1;
                        queue.push_back(to);
                    }
                }
            }
            if level[sink] == usize::MAX {
                return total;
            }
            let mut next = vec![0; self.out.len()];
            loop {
                let pushed = self.push(source, sink, UNBOUNDED * 4, &level, &mut next);
                if pushed == 0 {
                    break;
                }
                total += pushed;
            }
        }
    }

    fn push(
        &mut self,
        node: usize,
        sink: usize,
        limit: i64,
        level: &[usize],
        next: &mut [usize],
    ) -> i64 {
        if node == sink {
            return limit;
        }
        while next[node] < self.out[node].len() {
            let e = self.out[node][next[node]];
            let (to, cap) = self.edges[e];
            if cap > 0 && level[to] == level[node] + 1 {
                let pushed = self.push(to, sink, limit.min(cap), level, next);
                if pushed > 0 {
                    self.edges[e].1 -= pushed;
                    self.edges[e ^ 1].1 += pushed;
                    return pushed;
                }
            }
            next[node] += 1;
        }
        0
    }
}
