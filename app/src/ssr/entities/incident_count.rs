//! `incident_week_counts` and `place_week_counts`: incidents per ISO week, kept by triggers
//! on `incidents` (see the migration). Rows are shards of one count: always sum them.

pub mod week {
    use sea_orm::entity::prelude::*;

    /// Incidents in one week, area and category (`youth` and `environment`: how many of them
    /// were flagged so).
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "incident_week_counts")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub week_key: i32,
        #[sea_orm(primary_key, auto_increment = false)]
        pub area_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub category_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub shard: i16,
        pub incidents: i32,
        pub youth: i32,
        pub environment: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod place {
    use sea_orm::entity::prelude::*;

    /// Incidents at one place in one week.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "place_week_counts")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub week_key: i32,
        #[sea_orm(primary_key, auto_increment = false)]
        pub area_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub place_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub shard: i16,
        pub incidents: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
