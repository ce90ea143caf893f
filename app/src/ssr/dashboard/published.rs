//! Incident figures by whole quarter and ISO year: what managers see, protected against
//! disclosure (`shared::statistics`), and the same tables in exact figures for the roles that
//! see everything. Quarters and years are counted in whole ISO weeks, each week in the quarter
//! of its Thursday, so quarters add up to years.

use std::collections::{BTreeMap, HashMap};

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use shared::dashboard::{Figure, FigureRow, FigureTable, PlaceFigure, Published, QuarterFigure};
use shared::lang::Lang;
use shared::statistics::{YearCounts, YearFigures, exact_year, publish_year};
use shared::week::IsoWeek;
use uuid::Uuid;

use crate::i18n::T;
use crate::ssr::counts;
use crate::ssr::entities::place;
use crate::ssr::{Result, db_err};

/// Places are listed with at least this many incidents in a year.
const PLACE_THRESHOLD: u32 = 3;

/// The incidents of some ISO years, cut by area, quarter and category.
pub(super) struct Years {
    areas: Vec<(Uuid, String)>,
    categories: Vec<(Uuid, String)>,
    counts: BTreeMap<i32, YearCounts>,
    /// Each year's figures as the reader may see them, worked out once.
    figures: BTreeMap<i32, YearFigures>,
    /// The week in progress.
    now: IsoWeek,
    suppress: bool,
    lang: Lang,
}

impl Years {
    /// Reads the ISO years `first..=last`, with `now` the week in progress.
    pub async fn read<C: ConnectionTrait>(
        db: &C,
        (first, last): (i32, i32),
        now: IsoWeek,
        suppress: bool,
        lang: Lang,
    ) -> Result<Years> {
        let mut areas: Vec<(Uuid, String)> = crate::ssr::reference::area_names(db)
            .await?
            .into_iter()
            .collect();
        areas.sort_by(|a, b| a.1.cmp(&b.1));
        let mut categories: Vec<(Uuid, String)> = crate::ssr::reference::category_names(db, lang)
            .await?
            .into_iter()
            .collect();
        categories.sort_by(|a, b| a.1.cmp(&b.1));
        let area_index: HashMap<Uuid, usize> =
            areas.iter().enumerate().map(|(i, a)| (a.0, i)).collect();
        let category_index: HashMap<Uuid, usize> = categories
            .iter()
            .enumerate()
            .map(|(i, c)| (c.0, i))
            .collect();
        // Managers' figures never include the week in progress.
        let to = if suppress { now.previous() } else { now };
        let scope = counts::Scope::weeks(first * 100, (last * 100 + 99).min(to.key()));
        let mut counts: BTreeMap<i32, YearCounts> = (first..=last)
            .map(|y| {
                let empty = YearCounts {
                    areas: vec![[0; 4]; areas.len()],
                    categories: vec![0; categories.len()],
                };
                (y, empty)
            })
            .collect();
        for cell in counts::cells(db, scope).await? {
            let (Some(a), Some(c)) = (
                area_index.get(&cell.area_id),
                category_index.get(&cell.category_id),
            ) else {
                continue;
            };
            let Some(week) = IsoWeek::new(cell.week_key / 100, (cell.week_key % 100) as u32) else {
                continue;
            };
            let Some(year) = counts.get_mut(&week.year()) else {
                continue;
            };
            let n = counts::count(cell.incidents);
            year.areas[*a][week.quarter() as usize - 1] += n;
            year.categories[*c] += n;
        }
        let mut years = Years {
            areas,
            categories,
            counts,
            figures: BTreeMap::new(),
            now,
            suppress,
            lang,
        };
        years.figures = (first..=last).map(|y| (y, years.work_out(y))).collect();
        Ok(years)
    }

    /// The year's figures, if it was read.
    pub fn figures(&self, year: i32) -> Option<&YearFigures> {
        self.figures.get(&year)
    }

    /// The year's figures as the reader may see them. A year without a single incident
    /// recorded reads "–" (no data) throughout.
    fn work_out(&self, year: i32) -> YearFigures {
        let empty = YearCounts::default();
        let counts = self.counts.get(&year).unwrap_or(&empty);
        let mut figures = if !self.suppress {
            let through = match year.cmp(&self.now.year()) {
                std::cmp::Ordering::Less => 4,
                std::cmp::Ordering::Equal => self.now.quarter() as usize,
                std::cmp::Ordering::Greater => 0,
            };
            exact_year(counts, through)
        } else {
            publish_year(counts, self.complete_quarters(year)).0
        };
        if counts.total() == 0 {
            let none = |f: &mut Option<Figure>| {
                if f.is_some() {
                    *f = Some(Figure::NoData);
                }
            };
            figures.areas.iter_mut().flatten().for_each(none);
            figures.total.iter_mut().for_each(none);
            figures.categories.iter_mut().for_each(none);
        }
        figures
    }

    /// How many of the year's quarters have ended.
    pub fn complete_quarters(&self, year: i32) -> usize {
        match year.cmp(&self.now.year()) {
            std::cmp::Ordering::Less => 4,
            std::cmp::Ordering::Equal => self.now.quarter() as usize - 1,
            std::cmp::Ordering::Greater => 0,
        }
    }

    pub fn quarter_label(&self, year: i32, q: usize) -> String {
        format!("{}{} {year}", T::QuarterShort.text(self.lang), q + 1)
    }

    pub fn year_label(&self, year: i32) -> String {
        let key = if self.complete_quarters(year) == 4 {
            T::FullYear
        } else {
            T::YearSoFar
        };
        format!("{} {year}", key.text(self.lang))
    }

    /// Rows per area and the whole municipality; `columns` are (label, year, column 0–4),
    /// those not (yet) published left out.
    pub fn by_area(&self, columns: &[(i32, usize)]) -> FigureTable {
        let shown: Vec<(i32, usize)> = columns
            .iter()
            .copied()
            .filter(|(y, c)| self.figures(*y).is_some_and(|f| f.total[*c].is_some()))
            .collect();
        let cell = |row: Option<usize>, (y, c): (i32, usize)| {
            self.figures(y)
                .and_then(|f| row.map_or(f.total[c], |a| f.areas[a][c]))
                .unwrap_or(Figure::NoData)
        };
        let mut rows: Vec<FigureRow> = self
            .areas
            .iter()
            .enumerate()
            .map(|(a, (_, name))| FigureRow {
                label: name.clone(),
                total: false,
                cells: shown.iter().map(|col| cell(Some(a), *col)).collect(),
            })
            .collect();
        rows.push(FigureRow {
            label: T::WholeMunicipality.text(self.lang).to_owned(),
            total: true,
            cells: shown.iter().map(|col| cell(None, *col)).collect(),
        });
        FigureTable {
            columns: shown
                .iter()
                .map(|(y, c)| {
                    if *c == 4 {
                        self.year_label(*y)
                    } else {
                        self.quarter_label(*y, *c)
                    }
                })
                .collect(),
            rows,
        }
    }

    /// Rows per category (those with any incident in `years`) and the whole municipality, a
    /// column per year whose totals are published (for managers, years that have ended).
    pub fn by_category(&self, years: &[i32]) -> FigureTable {
        let (years, figures): (Vec<i32>, Vec<&YearFigures>) = years
            .iter()
            .filter_map(|y| Some((*y, self.figures(*y)?)))
            .filter(|(_, f)| f.total[4].is_some())
            .unzip();
        let years = &years[..];
        let mut rows: Vec<FigureRow> = Vec::new();
        for (c, (_, name)) in self.categories.iter().enumerate() {
            let any = years
                .iter()
                .any(|y| self.counts.get(y).is_some_and(|k| k.categories[c] > 0));
            if any {
                rows.push(FigureRow {
                    label: name.clone(),
                    total: false,
                    cells: figures
                        .iter()
                        .map(|f| f.categories[c].unwrap_or(Figure::NoData))
                        .collect(),
                });
            }
        }
        rows.push(FigureRow {
            label: T::WholeMunicipality.text(self.lang).to_owned(),
            total: true,
            cells: figures
                .iter()
                .map(|f| f.total[4].unwrap_or(Figure::NoData))
                .collect(),
        });
        FigureTable {
            columns: years.iter().map(|y| self.year_label(*y)).collect(),
            rows,
        }
    }

    /// The latest ended quarter and the same one a year before.
    fn latest(&self) -> Option<QuarterFigure> {
        let (year, q) = match self.complete_quarters(self.now.year()) {
            0 => (self.now.year() - 1, 3),
            n => (self.now.year(), n - 1),
        };
        let count = self.figures(year)?.total[q]?;
        let year_before = self
            .figures(year - 1)
            .and_then(|f| f.total[q])
            .unwrap_or(Figure::NoData);
        Some(QuarterFigure {
            quarter: self.quarter_label(year, q),
            count,
            year_before,
        })
    }
}

/// A manager's incident figures.
pub(super) async fn compile<C: ConnectionTrait>(
    db: &C,
    now: IsoWeek,
    lang: Lang,
) -> Result<Published> {
    let this = now.year();
    let years = Years::read(db, (this - 2, this), now, true, lang).await?;
    let last = this - 1;
    let mut columns = vec![(last - 1, 4)];
    columns.extend((0..5).map(|c| (last, c)));
    columns.extend((0..4).map(|c| (this, c)));
    Ok(Published {
        year: last,
        by_area: years.by_area(&columns),
        by_category: years.by_category(&[last, last - 1]),
        places: places(db, &years, last).await?,
        latest: years.latest(),
    })
}

/// Places with at least three incidents in `year`, the ten most first, in areas whose year is
/// shown exactly; an area's listed places never leave one or two incidents for the rest.
async fn places<C: ConnectionTrait>(db: &C, years: &Years, year: i32) -> Result<Vec<PlaceFigure>> {
    let Some(figures) = years.figures(year) else {
        return Ok(Vec::new());
    };
    let scope = counts::Scope::weeks(year * 100, year * 100 + 99);
    let mut found = counts::hot_places(db, scope, PLACE_THRESHOLD).await?;
    found.sort_by_key(|p| (std::cmp::Reverse(p.incidents), p.place_id));
    found.truncate(10);
    let mut listed: Vec<(usize, Uuid, u32)> = Vec::new();
    for (a, (id, _)) in years.areas.iter().enumerate() {
        let Some(Figure::Count(total)) = figures.areas[a][4] else {
            continue;
        };
        let mut mine: Vec<(Uuid, u32)> = found
            .iter()
            .filter(|p| p.area_id == *id)
            .map(|p| (p.place_id, counts::count(p.incidents)))
            .collect();
        while (1..=2).contains(&(total - mine.iter().map(|p| p.1).sum::<u32>().min(total))) {
            mine.pop();
        }
        listed.extend(mine.into_iter().map(|(p, n)| (a, p, n)));
    }
    let names: HashMap<Uuid, String> = place::Entity::find()
        .filter(place::Column::Id.is_in(listed.iter().map(|p| p.1)))
        .all(db)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let mut out: Vec<PlaceFigure> = listed
        .into_iter()
        .filter_map(|(a, id, count)| {
            Some(PlaceFigure {
                place: names.get(&id)?.clone(),
                area: years.areas[a].1.clone(),
                count,
            })
        })
        .collect();
    out.sort_by(|x, y| y.count.cmp(&x.count).then_with(|| x.place.cmp(&y.place)));
    Ok(out)
}
