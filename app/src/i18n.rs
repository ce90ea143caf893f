//! The one translation layer: every UI string is a `T` key with its Swedish and English text
//! side by side, so a missing translation is a compile error. Swedish is the default; the
//! `lang` cookie or the browser's `Accept-Language` picks English.

use leptos::prelude::*;
use shared::FieldError;
use shared::contact::ContactFunction;
use shared::guard::PersonalData;
pub use shared::lang::Lang;
use shared::user::{OrgKind, Role};

macro_rules! texts {
    ($($key:ident => $sv:literal, $en:literal;)*) => {
        /// A UI string.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum T { $($key,)* }

        impl T {
            pub const ALL: &'static [T] = &[$(T::$key,)*];

            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((T::$key, Lang::Sv) => $sv, (T::$key, Lang::En) => $en,)*
                }
            }
        }
    };
}

texts! {
    AppTagline => "Samverkan för trygghet: händelser, lägesbild och åtgärder.", "Working together for safety: incidents, situation picture and actions.";
    SkipToContent => "Hoppa till innehållet", "Skip to content";
    MainNavigation => "Huvudmeny", "Main navigation";
    Menu => "Meny", "Menu";
    StateSaved => "Sparat. Läget är nu:", "Saved. The state is now:";
    NewAgendaItem => "Ny punkt på dagordningen", "New agenda item";
    NewDecision => "Nytt beslut", "New decision";
    NewAddendum => "Nytt tillägg", "New addendum";
    AddAgendaItem => "Lägg till punkten", "Add the item";
    AddDecision => "Lägg till beslutet", "Add the decision";
    AddAddendum => "Lägg till tillägget", "Add the addendum";
    EditItem => "Ändra", "Edit";
    NewWording => "Ny lydelse", "New wording";
    SaveChange => "Spara ändringen", "Save the change";
    Remove => "Ta bort", "Remove";
    Undo => "Ångra", "Undo";
    SavedAttendance => "Närvaron är sparad.", "Attendance saved.";
    SavedGuests => "Gästerna är sparade.", "Guests saved.";
    SavedRating => "Bedömningen är sparad.", "Rating saved.";
    SavedAgenda => "Punkten är tillagd på dagordningen.", "The item has been added to the agenda.";
    SavedDecision => "Beslutet är tillagt.", "The decision has been added.";
    SavedAddendum => "Tillägget är sparat.", "The addendum has been saved.";
    SavedEdit => "Ändringen är sparad.", "The change has been saved.";
    SavedRemoved => "Borttaget.", "Removed.";
    RemovedItem => "Borttaget:", "Removed:";
    LeaveUnsaved => "Det finns text här som inte är sparad. Lämna sidan ändå?", "There is text here that has not been saved. Leave the page anyway?";
    SavedRestored => "Återställt.", "Restored.";
    SavedReview => "Uppföljningen är sparad.", "The review has been saved.";
    SavedAction => "Åtgärden är skapad.", "The action has been created.";
    SavedActionEdit => "Åtgärden är ändrad.", "The action has been changed.";
    SavedActionRemoved => "Åtgärden är borttagen.", "The action has been removed.";
    SavedStarted => "Mötet har startat.", "The meeting has started.";
    SavedFinalised => "Protokollet är justerat och låst.", "The minutes are finalised and locked.";
    EveryonePresent => "Alla närvarande", "Everyone present";
    SaveAttendance => "Spara närvaron", "Save attendance";
    SaveGuests => "Spara gästerna", "Save guests";
    SaveRating => "Spara bedömningen", "Save the rating";
    SaveReview => "Spara uppföljningen", "Save the review";
    CorrectReview => "Rätta uppföljningen", "Correct the review";
    Rating1 => "lugnt", "calm";
    Rating2 => "ganska lugnt", "fairly calm";
    Rating3 => "oroligt", "unsettled";
    Rating4 => "mycket oroligt", "very unsettled";
    Rating5 => "allvarligt", "serious";
    LatestNote => "Senaste anteckning", "Latest note";
    BeforeLocking => "Innan protokollet låses", "Before the minutes are locked";
    MissingAttendance => "Ingen närvaro är registrerad.", "No attendance is recorded.";
    MissingRatings => "Tätorter utan bedömning:", "Towns without a rating:";
    MissingReviews => "Åtgärder som inte följts upp:", "Actions not reviewed:";
    MissingDecisions => "Inga beslut är registrerade.", "No decisions are recorded.";
    NothingMissing => "Allt är ifyllt.", "Everything is filled in.";
    ConfirmFinalise => "Ja, justera och lås protokollet", "Yes, finalise and lock the minutes";
    FinaliseWarning => "Efter justeringen kan protokollet bara kompletteras med daterade tillägg.", "Once finalised, the minutes can only be supplemented with dated addenda.";
    NothingYet => "Inget ännu.", "Nothing yet.";
    FinalisedBy => "Justerat av", "Finalised by";
    Print => "Skriv ut", "Print";
    OurActions => "Vår organisations åtgärder", "Our organisation's actions";
    ToDashboard => "Se trenderna och uppföljningen", "See the trends and the follow-up";
    NotSentYet => "Inte skickad än,", "Not sent yet,";
    ToWeeklyReport => "Skicka eller se rapporten", "Send or see the report";
    WhoReported => "Se vem som har rapporterat", "See who has reported";
    ToTheList => "Gå till listan", "Go to the list";
    EveryoneReported => "Alla organisationer har rapporterat.", "Every organisation has reported.";
    NotReported => "Har inte rapporterat:", "Not reported:";
    OpenActionOne => "öppen åtgärd", "open action";
    OpenActionsCount => "öppna åtgärder", "open actions";
    OverdueOne => "försenad", "overdue";
    OverdueMany => "försenade", "overdue";
    Headlines => "Läget i korthet", "At a glance";
    LowerYearBefore => "året före:", "the year before:";
    ActionsLastYear => "Åtgärder beslutade det senaste året", "Actions decided in the last year";
    ReportsOnTime => "Veckorapporter i tid", "Weekly reports on time";
    DecidedOne => "beslutad", "decided";
    DecidedMany => "beslutade", "decided";
    DoneOne => "klar", "done";
    DoneMany => "klara", "done";
    NextMeeting => "Nästa möte", "Next meeting";
    NoMeetingPlanned => "Inget möte är planerat.", "No meeting is planned.";
    ToMeetings => "Planera ett möte", "Plan a meeting";
    MeetingLocation => "Plats för mötena", "Where the meetings are held";
    MeetingLocationHint => "Till exempel Kommunhuset, sal 2. Visas i kalendern.", "For example Town hall, room 2. Shown in the calendar.";
    Home => "Start", "Home";
    Hello => "Hej", "Hello";
    Loading => "Laddar …", "Loading …";
    SignIn => "Logga in", "Sign in";
    SignOut => "Logga ut", "Sign out";
    Email => "E-postadress", "Email address";
    Password => "Lösenord", "Password";
    Incidents => "Händelser", "Incidents";
    Incident => "Händelse", "Incident";
    LogIncident => "Logga händelse", "Log incident";
    EditIncident => "Ändra händelse", "Edit incident";
    Administration => "Administration", "Administration";
    ThisWeek => "Den här veckan,", "This week,";
    IncidentsPerArea => "Antal händelser per område den här veckan", "Incidents per area this week";
    ShowWeekIncidents => "Visa veckans händelser", "Show this week's incidents";
    When => "När", "When";
    Week => "Vecka", "Week";
    Area => "Område", "Area";
    Place => "Plats", "Place";
    Category => "Kategori", "Category";
    Organisation => "Organisation", "Organisation";
    Description => "Beskrivning", "Description";
    ChooseArea => "Välj område", "Choose area";
    ChooseCategory => "Välj kategori", "Choose category";
    PlaceHint => "Välj en plats i listan eller skriv en ny.", "Pick a place from the list or type a new one.";
    DescriptionHint => "Beskriv platsen och situationen, inte personer.", "Describe the place and the situation, not people.";
    Flags => "Markera om det stämmer", "Tick if it applies";
    YouthInvolved => "Unga inblandade", "Young people involved";
    PhysicalEnvironment => "Fysisk miljö (belysning, växtlighet, skador)", "Physical environment (lighting, vegetation, damage)";
    YouthTag => "Unga", "Youth";
    EnvironmentTag => "Miljö", "Environment";
    SaveIncident => "Spara händelsen", "Save incident";
    Saving => "Sparar …", "Saving …";
    IncidentSaved => "Händelsen är sparad.", "The incident has been saved.";
    LoggedBy => "Loggad av", "Logged by";
    LastChanged => "Senast ändrad", "Last changed";
    Edit => "Ändra", "Edit";
    Cancel => "Avbryt", "Cancel";
    BackToList => "Till händelselistan", "Back to the list";
    BackHome => "Till startsidan", "Back to the start page";
    All => "Alla", "All";
    Filter => "Filtrera", "Filter";
    ClearFilters => "Rensa filter", "Clear filters";
    NoIncidents => "Inga händelser matchar filtret.", "No incidents match the filter.";
    Paging => "Sidor", "Pages";
    NewestFirst => "Till de senaste", "Back to the latest";
    OlderIncidents => "Äldre händelser", "Older incidents";
    Organisations => "Organisationer", "Organisations";
    Areas => "Områden", "Areas";
    Places => "Platser", "Places";
    Categories => "Kategorier", "Categories";
    Name => "Namn på", "Name of";
    PlainName => "Namn", "Name";
    Kind => "Typ av", "Kind of";
    NameSwedish => "Namn (svenska)", "Name (Swedish)";
    NameEnglish => "Namn (engelska)", "Name (English)";
    NewOrganisation => "Ny organisation", "New organisation";
    NewArea => "Nytt område", "New area";
    NewPlace => "Ny plats", "New place";
    Add => "Lägg till", "Add";
    Save => "Spara", "Save";
    Yes => "Ja", "Yes";
    No => "Nej", "No";
    NotFoundTitle => "Sidan finns inte", "Page not found";
    ErrFixFields => "Något behöver rättas – se de markerade fälten. Inget har sparats.", "Something needs correcting – see the marked fields. Nothing was saved.";
    ErrBadRequest => "Formuläret kunde inte läsas. Ladda om sidan och försök igen.", "The form could not be read. Reload the page and try again.";
    ErrSignedOut => "Du är inte inloggad, eller så har sessionen gått ut.", "You are not signed in, or your session has expired.";
    ErrInvalidCredentials => "Fel e-postadress eller lösenord.", "Wrong email address or password.";
    ErrForbidden => "Din roll får inte göra det här.", "Your role may not do this.";
    ErrNotFound => "Det du söker finns inte.", "What you are looking for does not exist.";
    ErrConflict => "Uppgifterna har ändrats under tiden. Ladda om sidan och försök igen.", "The data changed in the meantime. Reload the page and try again.";
    ErrNetwork => "Servern gick inte att nå. Inget har sparats; försök igen.", "The server could not be reached. Nothing was saved; try again.";
    ErrInternal => "Något gick fel hos oss. Inget har sparats; försök igen om en stund.", "Something went wrong on our side. Nothing was saved; try again shortly.";
    FieldRequired => "Fyll i det här fältet.", "Fill in this field.";
    FieldInvalid => "Värdet har fel format.", "The value is not in the expected format.";
    FieldInFuture => "Tidpunkten ligger i framtiden.", "The time is in the future.";
    FieldTooOld => "Tidpunkten är mer än ett år sedan.", "The time is more than a year ago.";
    FieldNotYet => "Protokollet kan justeras först på mötesdagen.", "The minutes can be finalised on the day of the meeting, not before.";
    FieldPassed => "Dagen har redan varit. Välj i dag eller senare.", "That day has passed. Choose today or later.";
    FieldUnknown => "Finns inte – välj i listan.", "Does not exist – choose from the list.";
    FieldForbiddenCharacters => "Texten innehåller otillåtna tecken (styrtecken).", "The text contains characters that are not allowed (control characters).";
    FieldTaken => "Namnet eller adressen används redan.", "That name or address is already in use.";
    FieldTooCommon => "Lösenordet är för vanligt eller lätt att gissa. Välj en egen mening eller en längre ordföljd.", "That password is common or easy to guess. Choose a sentence of your own or a longer string of words.";
    FieldTooLongPrefix => "För lång text: högst", "Too long: at most";
    FieldTooShortPrefix => "För kort text: minst", "Too short: at least";
    Characters => "tecken.", "characters.";
    GuardIntro => "Texten innehåller något som ser ut som", "The text contains what looks like";
    GuardAt => "vid tecken", "at character";
    GuardAdvice => "Beskriv platsen och situationen, inte personen. Inget har sparats.", "Describe the place and the situation, not the person. Nothing was saved.";
    PdIdentity => "ett personnummer", "a personal identity number";
    PdPhone => "ett telefonnummer", "a phone number";
    PdEmail => "en e-postadress", "an email address";
    PdPlate => "ett registreringsnummer", "a vehicle registration number";
    History => "Historik", "History";
    AuditLog => "Logg", "Audit log";
    AuditLogTitle => "Granskningslogg", "Audit log";
    AuditIntro => "Vem gjorde vad, när och med vilken post. Loggen går inte att ändra eller radera.", "Who did what, when, to which record. The log cannot be changed or deleted.";
    User => "Användare", "User";
    Record => "Post (id)", "Record (id)";
    FromDate => "Från och med", "From";
    ToDate => "Till och med", "To";
    Search => "Sök", "Search";
    Action => "Händelse", "Action";
    RecordType => "Typ", "Type";
    Changes => "Ändringar", "Changes";
    NoAuditEntries => "Inga loggposter matchar sökningen.", "No log entries match the search.";
    OlderEntries => "Äldre poster", "Older entries";
    ActionView => "Visade", "Viewed";
    ActionCreate => "Skapade", "Created";
    ActionUpdate => "Ändrade", "Changed";
    ActionDelete => "Raderade", "Deleted";
    ActionExport => "Exporterade", "Exported";
    ActionSignIn => "Loggade in", "Signed in";
    ActionFailedSignIn => "Misslyckad inloggning", "Failed sign-in";
    ActionAnonymise => "Gallring", "Retention";
    AnonymisedNote => "Beskrivningen, den exakta platsen och vem som loggade togs bort vid gallring", "The description, the exact place and who logged it were removed by retention on";
    TypeIncident => "Händelse", "Incident";
    TypeIncidentList => "Händelselista", "Incident list";
    TypeWeeklyReport => "Veckorapport", "Weekly report";
    TypeSession => "Inloggning", "Session";
    NothingToReport => "Inget att rapportera", "Nothing to report";
    WeeklyReport => "Veckorapport", "Weekly report";
    ReportOverview => "Rapportläge", "Reporting status";
    Show => "Visa", "Show";
    Due => "sista dag", "due";
    ReportSent => "Veckorapporten är skickad.", "The weekly report has been sent.";
    NollrapportSent => "Nollrapport skickad: inget att rapportera den här veckan.", "Nothing-to-report sent for this week.";
    ReportWithIncidentsSent => "Veckorapport skickad med veckans händelser.", "Weekly report sent with the week's incidents.";
    SentAt => "Skickad", "Sent";
    Late => "för sent", "late";
    LateAddition => "Efteranmäld", "Added late";
    LateAdditionsExplained => "händelser har loggats efter att rapporten skickades. De är markerade som efteranmälda.", "incidents were logged after the report was sent. They are marked as added late.";
    ReportOverdue => "Rapporten för veckan är försenad.", "The report for this week is overdue.";
    NoIncidentsThisWeek => "Er organisation har inte loggat några händelser den här veckan. Bekräfta det med en nollrapport – tystnad får aldrig misstas för lugn.", "Your organisation has logged no incidents this week. Confirm it with a nothing-to-report – silence must never be mistaken for calm.";
    SendNollrapport => "Skicka nollrapport – inget att rapportera", "Send nothing-to-report";
    SendReport => "Skicka veckorapporten", "Send the weekly report";
    IncidentsThisWeek => "Veckans händelser", "The week's incidents";
    Status => "Status", "Status";
    Contact => "Kontaktperson", "Contact";
    StatusNollrapport => "Nollrapport", "Nothing to report";
    StatusReported => "Rapporterat", "Reported";
    StatusMissing => "Saknas", "Missing";
    StatusPending => "Väntar (före sista dag)", "Pending (before the deadline)";
    ExportCsv => "Exportera som CSV", "Export as CSV";
    SituationPicture => "Lägesbild", "Situation picture";
    Weeks => "Veckor", "Weeks";
    HotSpotExplained => "Brännpunkter: platser med minst så här många händelser de senaste fyra veckorna:", "Hot spots: places with at least this many incidents in the last four weeks:";
    IncidentsCount => "händelser", "incidents";
    IncidentOne => "händelse", "incident";
    YouthIncidentOne => "händelse med unga inblandade", "incident involving young people";
    IncidentFourWeeksOne => "händelse på fyra veckor", "incident in four weeks";
    LateAdditionExplained => "händelse har loggats efter att rapporten skickades. Den är markerad som efteranmäld.", "incident was logged after the report was sent. It is marked as added late.";
    VsLastWeek => "mot förra veckan", "against last week";
    VsAverage => "mot snittet av fyra veckor före", "against the average of the four weeks before";
    PhysicalEnvironmentShort => "Fysisk miljö", "Physical environment";
    NoIncidentsFiveWeeks => "Inga händelser den här veckan eller de fyra veckorna före.", "No incidents this week or the four weeks before.";
    IncidentsPerCategory => "Händelser per kategori,", "Incidents per category,";
    ThisWeekShort => "Veckan", "This week";
    LastWeekShort => "Förra veckan", "Last week";
    AverageShort => "Snitt 4 v", "4-week avg";
    ChangeWeek => "Förändring mot förra", "Change vs last";
    ChangeAverage => "Förändring mot snitt", "Change vs avg";
    HotSpots => "Brännpunkter", "Hot spots";
    NoHotSpots => "Inga platser med upprepade händelser.", "No places with repeated incidents.";
    IncidentsFourWeeks => "händelser på fyra veckor", "incidents in four weeks";
    MoreHotSpots => "Fler platser över gränsen:", "More places over the threshold:";
    TypeAction => "Åtgärd", "Action";
    Actions => "Åtgärder", "Actions";
    NewAction => "Ny åtgärd", "New action";
    CreateAction => "Skapa åtgärd", "Create action";
    Title => "Rubrik", "Title";
    Owner => "Ansvarig organisation", "Responsible organisation";
    OwnerPerson => "Ansvarig person", "Responsible person";
    OwnerPersonHint => "Frivilligt. Namnet på den som ansvarar, inget annat.", "Optional. The name of the person responsible, nothing else.";
    DueDate => "Klart senast", "Due";
    State => "Läge", "State";
    Note => "Anteckning", "Note";
    NoteHint => "Krävs för \"inte genomförd\": varför?", "Required for \"not done\": why?";
    ChooseOrganisation => "Välj organisation", "Choose organisation";
    NoArea => "Inget särskilt område", "No particular area";
    Overdue => "försenad", "overdue";
    ScopeOpen => "Öppna", "Open";
    ScopeMine => "Min organisation", "My organisation";
    ScopeAll => "Alla, även avslutade", "All, closed included";
    NoActions => "Inga åtgärder här.", "No actions here.";
    PerPage => "per sida", "per page";
    ToFirstPage => "Till början av listan", "Back to the start of the list";
    MoreActions => "Fler åtgärder", "More actions";
    AndMoreInList => "fler försenade i listan", "more overdue in the list";
    ActionSaved => "Åtgärden är sparad.", "The action has been saved.";
    ChangeState => "Ändra läge", "Change state";
    LinkedIncidents => "Kopplade händelser", "Linked incidents";
    Created => "Skapad", "Created";
    StateOpen => "Öppen", "Open";
    StateInProgress => "Pågår", "In progress";
    StateDone => "Genomförd", "Done";
    StateNotPossible => "Inte möjlig (ändrade förutsättningar)", "Not possible (changed circumstances)";
    StateNotDone => "Inte genomförd", "Not done";
    ActionClosed => "Åtgärden är avslutad och kan inte ändras.", "The action is closed and cannot be changed.";
    OpenActions => "Öppna åtgärder", "Open actions";
    ErrLocked => "Protokollet är justerat och låst. Rättelser läggs till som tillägg.", "The minutes are finalised and locked. Corrections are added as addenda.";
    ErrTooManyAttempts => "För många misslyckade inloggningar. Vänta några minuter och försök igen.", "Too many failed sign-ins. Wait a few minutes and try again.";
    TypeMeeting => "Möte", "Meeting";
    TypeMinutes => "Protokoll", "Minutes";
    Meetings => "Möten", "Meetings";
    NoSeries => "Inga mötesserier ännu.", "No meeting series yet.";
    Members => "Medlemmar", "Members";
    PlanNext => "Planera nästa möte", "Plan the next meeting";
    CalendarFeed => "Kalenderflöde (iCalendar) att prenumerera på", "Calendar feed (iCalendar) to subscribe to";
    MeetingPlanned => "Planerat", "Planned";
    MeetingInProgress => "Pågår", "In progress";
    MeetingFinalised => "Justerat och låst", "Finalised and locked";
    MeetingCancelled => "Inställt", "Cancelled";
    MoveOrCancel => "Flytta eller ställ in mötet", "Move or cancel the meeting";
    NewDate => "Ny dag", "New date";
    MoveMeeting => "Flytta mötet", "Move the meeting";
    CancelMeeting => "Ställ in mötet", "Cancel the meeting";
    CancelWarning => "Ett inställt möte syns kvar som inställt, också i kalendern. Det kan inte startas.", "A cancelled meeting stays visible as cancelled, also in the calendar. It cannot be started.";
    ConfirmCancel => "Ja, ställ in mötet", "Yes, cancel the meeting";
    SavedMoved => "Mötet är flyttat.", "The meeting has been moved.";
    SavedCancelled => "Mötet är inställt.", "The meeting has been cancelled.";
    Monday => "Måndagar", "Mondays";
    Tuesday => "Tisdagar", "Tuesdays";
    Wednesday => "Onsdagar", "Wednesdays";
    Thursday => "Torsdagar", "Thursdays";
    Friday => "Fredagar", "Fridays";
    Saturday => "Lördagar", "Saturdays";
    Sunday => "Söndagar", "Sundays";
    FinalisedAt => "justerat", "finalised";
    PrintableMinutes => "Protokoll för utskrift", "Printable minutes";
    StartMeeting => "Starta mötet", "Start the meeting";
    StartEarly => "Ja, starta mötet redan nu", "Yes, start the meeting now";
    MeetingPlannedFor => "Mötet är planerat till", "The meeting is planned for";
    FinaliseMinutes => "Justera och lås protokollet", "Finalise and lock the minutes";
    Attendance => "Närvaro", "Attendance";
    Present => "Närvarande", "Present";
    Absent => "Frånvarande", "Absent";
    Deputy => "Ersättare", "Deputy";
    Guests => "Gäster", "Guests";
    Ratings => "Lägesbild och bedömning per tätort", "Situation and rating per town";
    RatingScale => "Skala 1–5: 1 lugnt … 5 allvarligt. En vald bedömning sparas direkt; en kommentar med knappen.", "Scale 1–5: 1 calm … 5 serious. A rating is saved as soon as it is chosen; a comment with the button.";
    Rating => "Bedömning", "Rating";
    Comment => "Kommentar", "Comment";
    Agenda => "Dagordning", "Agenda";
    Decisions => "Beslut", "Decisions";
    Addenda => "Tillägg efter justering", "Addenda after finalising";
    CarriedActions => "Åtgärder från tidigare möten", "Actions from earlier meetings";
    Recorded => "Noterat på mötet", "Recorded at the meeting";
    NewActions => "Nya åtgärder", "New actions";
    MeetingParts => "Mötets delar", "Parts of the meeting";
    FollowUp => "Uppföljning", "Follow-up";
    Lock => "Justera och lås", "Finalise";
    Minutes => "Protokoll", "Minutes";
    AtMeetings => "På mötena", "At the meetings";
    NewSeries => "Ny mötesserie", "New meeting series";
    Weekday => "Veckodag", "Weekday";
    StartTime => "Klockan", "Time";
    CreateSeries => "Skapa mötesserien", "Create the series";
    ActionPlaceHint => "Frivilligt: en plats i området ovan (välj område först).", "Optional: a place in the area above (choose the area first).";
    KindMunicipality => "Kommun", "Municipality";
    KindPolice => "Polis", "Police";
    KindSecurityGuards => "Ordningsvakter", "Security guards";
    KindFieldWorkers => "Fältarbetare", "Field workers";
    KindSchool => "Skola", "School";
    KindSocialServices => "Socialtjänst", "Social services";
    KindHealthcare => "Hälso- och sjukvård", "Healthcare";
    KindProperty => "Fastighet", "Property";
    KindStreetParks => "Gata och park", "Street and parks";
    KindPublicTransport => "Kollektivtrafik", "Public transport";
    KindYouthLeisure => "Fritid för unga", "Youth leisure";
    KindYouthClinic => "Ungdomsmottagning", "Youth clinic";
    KindBusiness => "Näringsliv", "Business";
    KindAssociation => "Förening", "Association";
    KindOther => "Annat", "Other";
    TypeContact => "Kontakt", "Contact";
    TypeAreaGroup => "Områdesgrupp", "Area group";
    TypeReferenceData => "Grunddata", "Reference data";
    FnCommunityPolice => "Kommunpolis", "Community police officer";
    FnFieldWorker => "Fältassistent", "Field worker";
    FnSchoolPrincipal => "Rektor", "School principal";
    FnSchoolCounsellor => "Skolkurator", "School counsellor";
    FnStudentHealth => "Elevhälsa", "Student health";
    FnSocialOnCall => "Socialjour", "Social services on call";
    FnSocialOffice => "Socialkontor", "Social services office";
    FnPropertyDuty => "Fastighetsjour", "Property duty officer";
    FnYouthLeisure => "Fritidsledare", "Youth leisure leader";
    FnYouthClinic => "Ungdomsmottagning", "Youth clinic";
    FnSecurityGuard => "Ordningsvakt", "Security guard";
    FnSafetyCoordinator => "Trygghetssamordnare", "Safety coordinator";
    FnOther => "Annan funktion", "Other function";
    Directory => "Kontaktlista", "Contact directory";
    DirectoryIntro => "Vem ringer jag? Sök på namn, organisation, funktion, skola eller område.", "Who do I call? Search by name, organisation, function, school or area.";
    SearchWords => "Sökord", "Search words";
    Matches => "träffar", "matches";
    MatchOne => "träff", "match";
    Function => "Funktion", "Function";
    AnyFunction => "Alla funktioner", "All functions";
    AnyArea => "Alla områden", "All areas";
    WholeMunicipality => "Hela kommunen", "Whole municipality";
    Phone => "Telefon", "Phone";
    DeputyPerson => "Ersättare", "Deputy";
    StandsIn => "Ersättare i tjänsten: den ordinarie har slutat.", "Deputy in the post: the holder has left.";
    NoContacts => "Ingen i kontaktlistan matchar sökningen.", "Nobody in the directory matches the search.";
    NewContact => "Ny kontakt", "New contact";
    EditContact => "Ändra kontakt", "Edit contact";
    Unit => "Skola eller enhet", "School or unit";
    AccountEmail => "Användarkonto (e-post) för den som själv ska kunna uppdatera", "User account (e-mail) of the person, so they can update it themselves";
    NoDeputy => "Ingen ersättare", "No deputy";
    SaveContact => "Spara kontakt", "Save contact";
    Deactivate => "Har slutat: inaktivera", "Has left: deactivate";
    CallPerson => "Ring", "Call";
    MailPerson => "Mejla", "E-mail";
    WhoToCall => "Vem ringer jag?", "Who to call";
    ContactSaved => "Kontakten är sparad.", "The contact is saved.";
    PhoneOrEmailHint => "Telefon eller e-post behövs, gärna båda. Tjänstenummer, inte privata.", "A phone number or an e-mail address is needed, preferably both. Work contacts, not private ones.";
    AreaGroups => "Områdesgrupper", "Area groups";
    NoGroups => "Det finns inga områdesgrupper som du är med i.", "There are no area groups you are a member of.";
    NewGroup => "Ny områdesgrupp", "New area group";
    CreateGroup => "Skapa områdesgrupp", "Create area group";
    Convener => "Sammankallande", "Convener";
    Member => "Medlem", "Member";
    NotRecorded => "Ej angivet", "Not recorded";
    NoGroupMembers => "Gruppen har inga medlemmar än, så det finns ingen närvaro att ta.", "The group has no members yet, so there is no attendance to take.";
    ToTheGroup => "Lägg till medlemmar på gruppens sida", "Add members on the group's page";
    MakeConvener => "Gör till sammankallande", "Make convener";
    AddMember => "Lägg till medlem", "Add member";
    ChooseContact => "Välj person ur kontaktlistan", "Choose a person from the directory";
    RemoveMember => "Ta bort ur gruppen", "Remove from the group";
    HasLeft => "har slutat", "has left";
    YouthInArea => "Händelser med unga inblandade i området", "Incidents involving young people in the area";
    NoYouthIncidents => "Inga händelser med unga inblandade den veckan.", "No incidents involving young people that week.";
    WeekBefore => "veckan före", "the week before";
    YouthIncidentsCount => "händelser med unga inblandade", "incidents involving young people";
    GroupActions => "Gruppens öppna åtgärder", "The group's open actions";
    MeetingsHeld => "Justerade möten", "Finalised meetings";
    ActionsOpenCount => "Öppna åtgärder", "Open actions";
    ActionsDoneCount => "Genomförda åtgärder", "Actions done";
    MembersCount => "Medlemmar", "Members";
    ManagerGroupsNote => "Områdesgruppernas protokoll är bara för medlemmarna. Du ser antal.", "Area groups' minutes are for their members only. You see counts.";
    NeedToKnow => "Bara gruppens medlemmar, samordnare och administratörer ser gruppens möten, protokoll och åtgärder.", "Only the group's members, coordinators and admins see the group's meetings, minutes and actions.";
    BackToGroup => "Till områdesgruppen", "Back to the area group";
    Dashboard => "Översikt", "Dashboard";
    DashboardIntro => "Fungerar arbetet? Trender, platser, genomförda åtgärder, rapportering och samverkan.", "Is the work working? Trends, places, actions done, reporting and collaboration.";
    ChartData => "Data som tabell", "Data as a table";
    Period => "Period", "Period";
    DownloadCsv => "Ladda ner som CSV", "Download as CSV";
    AllCategories => "Alla kategorier", "All categories";
    YearReportCsv => "Ladda ner årsrapporten som CSV", "Download the yearly report as CSV";
    PrintReport => "Skriv ut årsrapporten", "Print the yearly report";
    IncidentsPerWeek => "Händelser per vecka", "Incidents per week";
    IncidentsPerWeekDesc => "Linjediagram: antal händelser per ISO-vecka de senaste 52 veckorna (heldragen linje) och samma vecka året före (streckad linje).", "Line chart: incidents per ISO week over the last 52 weeks (solid line) and the same week a year earlier (dashed line).";
    Last52Weeks => "Senaste 52 veckorna", "Last 52 weeks";
    YearBefore => "Året före", "The year before";
    PerArea => "Per område", "Per area";
    PerCategory => "Per kategori", "Per category";
    BreakdownDesc => "Stapeldiagram: händelser de senaste 52 veckorna (fyllda staplar) mot de 52 veckorna före (streckade staplar).", "Bar chart: incidents in the last 52 weeks (filled bars) against the 52 weeks before (dashed bars).";
    HotPlaces => "Platser med flest händelser", "Places with the most incidents";
    Weeks4 => "4 veckor", "4 weeks";
    Weeks12 => "12 veckor", "12 weeks";
    Weeks12Before => "12 veckor dessförinnan", "The 12 weeks before";
    FollowThroughTitle => "Åtgärder: blir de gjorda?", "Actions: do they get done?";
    ActionsPerQuarter => "Åtgärder per kvartal: beslutade och gjorda", "Actions per quarter: decided and done";
    PerQuarter => "Per kvartal", "Per quarter";
    QuarterShort => "K", "Q";
    FullYear => "Helår", "Full year";
    YearSoFar => "Hittills", "So far";
    LegendTitle => "Så läser du siffrorna", "How to read the figures";
    LegendSmall => "En eller två händelser. Visas inte exakt, så att ingen kan pekas ut.", "One or two incidents. Not shown exactly, so that nobody can be singled out.";
    LegendHidden => "Dolt, så att ett litet tal inte kan räknas fram ur de andra siffrorna. Alltid minst 3.", "Hidden, so that a small number cannot be worked out from the other figures. Always at least 3.";
    LegendZero => "Inga händelser.", "No incidents.";
    LegendNoData => "Uppgifter saknas för perioden.", "No data for the period.";
    LegendPeriods => "Kvartal och år räknas i hela ISO-veckor och visas när de är slut. Veckan och kvartalet som pågår visas inte.", "Quarters and years are counted in whole ISO weeks and shown once they have ended. The week and the quarter in progress are not shown.";
    IncidentsPerAreaQuarter => "Händelser per område och kvartal", "Incidents per area and quarter";
    IncidentsPerCategoryYear => "Händelser per kategori i hela kommunen", "Incidents per category in the whole municipality";
    YearBarsDesc => "Stapeldiagram: händelser under året (fyllda staplar) mot året före (streckade staplar). ”<3” och ”dolt” ritas utan stapel.", "Bar chart: incidents in the year (filled bars) against the year before (dashed bars). “<3” and “hidden” are drawn without a bar.";
    RepeatedPlaces => "Platser med upprepade händelser", "Places with repeated incidents";
    RepeatedPlacesHint => "Platser med minst tre händelser under året, i områden vars årssiffra visas.", "Places with at least three incidents in the year, in areas whose year figure is shown.";
    NoRepeatedPlaces => "Ingen plats hade tre eller fler händelser under året.", "No place had three or more incidents in the year.";
    NoRatings => "Inga bedömningar ännu. Tätorterna bedöms på lägesbildsmötet.", "No ratings yet. The towns are rated at the situation-picture meeting.";
    YearRunningNote => "Året pågår. Helårssiffror och kategorier visas när året är slut.", "The year is still running. Full-year figures and categories are shown once it has ended.";
    ActionsByOutcome => "Åtgärder efter utfall", "Actions by outcome";
    PerAreaAndCategory => "Per område och kategori", "Per area and category";
    MeetingAttendance => "Närvaro vid möten", "Meeting attendance";
    SituationMeetings => "Lägesbildsmöten", "Situation-picture meetings";
    NoReportsDue => "Inga veckorapporter var begärda under året.", "No weekly reports were due in the year.";
    NoMeetingsHeld => "Inga möten hölls under året.", "No meetings were held in the year.";
    OnTimeOfDue => "I tid av begärda", "On time of those due";
    SameQuarterYearBefore => "samma kvartal året före:", "the same quarter a year before:";
    FollowThroughDesc => "Stapeldiagram per kvartal: öppnade åtgärder (fyllda staplar) och genomförda (streckade staplar).", "Bar chart per quarter: actions opened (filled bars) and done (dashed bars).";
    Opened => "Öppnade", "Opened";
    DoneCount => "Genomförda", "Done";
    NotPossibleCount => "Inte möjliga", "Not possible";
    NotDoneCount => "Inte gjorda", "Not done";
    OverdueCount => "Försenade", "Overdue";
    MedianDays => "Median dagar till genomförd", "Median days to done";
    PerOwner => "Per ansvarig organisation", "Per owner organisation";
    Quarter => "Kvartal", "Quarter";
    ReportingOnTime => "Veckorapporter i tid", "Weekly reports on time";
    ReportingOnTimeDesc => "Linjediagram: andel rapporterande organisationer som lämnat veckorapport eller nollrapport i tid, i procent, de senaste 12 veckorna.", "Line chart: share of reporting organisations that sent their weekly report or nollrapport on time, in per cent, over the last 12 weeks.";
    PerCent => "Procent i tid", "Per cent on time";
    AttendanceTitle => "Samverkan: deltagande i möten per organisation", "Collaboration: meeting attendance per organisation";
    AttendedOf => "av", "of";
    RatingsTitle => "Bedömning per tätort", "Rating per town";
    RatingsIntro => "Veckomötets bedömning från 1 (lugnt) till 5 (allvarligt). De allvarligaste just nu står först.", "The weekly meeting's rating from 1 (calm) to 5 (serious). The most serious now come first.";
    RatingMeanTitle => "Snittbedömning för alla tätorter per möte", "Mean rating of all towns per meeting";
    RatingMeanDesc => "Linjediagram: medelvärdet av mötets bedömningar av tätorterna, 1 (lugnt) till 5 (allvarligt), för varje möte det senaste året.", "Line chart: the mean of the meeting's ratings of the towns, 1 (calm) to 5 (serious), for each meeting in the last year.";
    AllTowns => "Alla tätorter", "All towns";
    Town => "Tätort", "Town";
    LatestRating => "Senaste bedömning", "Latest rating";
    MeanLast12Weeks => "Snitt senaste 12 veckorna", "Mean, last 12 weeks";
    MeanPrevious12Weeks => "Snitt 12 veckorna innan", "Mean, the 12 weeks before";
    RatingChange => "Förändring", "Change";
    MoreSerious => "Allvarligare", "More serious";
    Calmer => "Lugnare", "Calmer";
    Unchanged => "Oförändrat", "Unchanged";
    EveryRating => "alla bedömningar", "every rating";
    NoData => "Inga uppgifter ännu.", "No data yet.";
    YearReport => "Årsrapport", "Yearly report";
    YearReportIntro => "Lägesbild och åtgärder per område för året, underlag enligt lag (2023:196).", "Situation picture and actions per area for the year, as required by law (2023:196).";
    Year => "År", "Year";
    StillOpen => "Pågår", "Still open";
    MeetingsExpected => "Möten där organisationen är medlem", "Meetings the organisation is a member of";
    Accounts => "Konton", "Accounts";
    NothingSaved => "Inget har sparats:", "Nothing was saved:";
    EmailTaken => "Adressen används redan av ett annat konto.", "That address is already used by another account.";
    NameTaken => "Namnet används redan.", "That name is already in use.";
    PasswordTooShort => "Lösenordet är för kort: minst 12 tecken.", "The password is too short: at least 12 characters.";
    PasswordResetNotice => "Lösenordet är återställt och personen är utloggad.", "The password has been reset and the person signed out.";
    NewLinkFor => "Ny lösenordslänk för", "New password link for";
    RemovedHere => "Personuppgifterna är borttagna, också ur historiken och sökningen.", "The personal data has been removed, from the history and the search too.";
    SearchText => "Sök i text", "Search the text";
    SearchTextHint => "Ord i beskrivningen eller platsens namn. Början av ett ord räcker: ”klott” hittar klotter.", "Words in the description or the place's name. The start of a word is enough: “graff” finds graffiti.";
    NameWarn => "Det ser ut som ett namn – beskriv situationen, inte personen", "This looks like a name – describe the situation, not the person";
    ClassWarn => "Det ser ut som en skolklass bredvid en person – beskriv situationen, inte personen", "This looks like a school class next to a person – describe the situation, not the person";
    NameWarnKeep => "Pekar texten inte ut någon person (till exempel Gustav Adolfs torg)? Kryssa i rutan ovanför knappen och spara igen.", "Does the text not point at a person (a place such as Gustav Adolfs torg, say)? Tick the box above the button and save again.";
    KeepName => "Texten pekar inte ut någon person – spara den som den är", "The text does not point at a person – save it as it is";
    KeptWarningsHeading => "Sparat trots namnvarning", "Saved despite a name warning";
    KeptWarningsIntro => "De senaste 30 dagarna. Läs texterna och ta bort personuppgifter som har slunkit med.", "The last 30 days. Read the texts and remove any personal data that slipped through.";
    RemoveData => "Ta bort personuppgifter", "Remove personal data";
    RemoveDataHint => "Texten tas bort ur händelsen och ur alla tidigare versioner i historiken, och det går inte att ångra. I loggen sparas vem, när och skälet, aldrig texten.", "The text is removed from the incident and from every earlier version in its history, and this cannot be undone. The log keeps who, when and the reason, never the text.";
    RemoveWhat => "Vad ska bort ur beskrivningen?", "What should be removed from the description?";
    RemovePart => "En del av texten", "Part of the text";
    RemoveWhole => "Hela beskrivningen", "The whole description";
    RemoveNothing => "Inget i beskrivningen", "Nothing in the description";
    Passage => "Texten som ska bort, exakt som den står", "The text to remove, exactly as it stands";
    PassageHint => "Varje ställe där texten står, också i historiken, byts mot [borttaget av samordnare].", "Every place the text stands, in the history too, is replaced by [borttaget av samordnare].";
    RemovePlaceToo => "Platsens namn också:", "The place's name too:";
    Reason => "Skäl", "Reason";
    ReasonHint => "Skriv varför, inte vad: till exempel ”elevens namn”.", "Write why, not what: for example “a pupil's name”.";
    RemoveForGood => "Ta bort för alltid", "Remove for good";
    RemovedWhat => "Borttaget", "Removed";
    RequestRemoval => "Be samordnarna ta bort personuppgifter", "Ask the coordinators to remove personal data";
    RequestRemovalHint => "Har ett namn, en adress eller något annat som pekar ut en person kommit med? Skriv varför det ska bort, inte vad det är.", "Has a name, an address or anything else that points at a person slipped in? Write why it should go, not what it is.";
    SendRequest => "Skicka begäran", "Send the request";
    RequestSent => "Begäran är skickad till samordnarna.", "The request has been sent to the coordinators.";
    OpenRequests => "Begäran om borttagning", "Requests for removal";
    RequestedBy => "Begärt av", "Requested by";
    DeclineRequest => "Avslå begäran", "Decline the request";
    RequestDeclined => "Begäran är avslagen.", "The request has been declined.";
    RedactionRequestsWaiting => "Begäran om att ta bort personuppgifter", "Requests to remove personal data";
    PlacesIntro => "Håll platslistan ren: bekräfta nya platser, slå ihop dubbletter och avveckla platser som inte används längre. Ett sammanslaget namn leder till platsen som finns kvar, och gamla händelser behåller sina platser.", "Keep the place list clean: confirm new places, merge duplicates and retire places no longer in use. A merged name leads to the place that stays, and old incidents keep their places.";
    NewPlacesWaiting => "Nya platser att granska:", "New places to review:";
    PlacesCount => "platser", "places";
    Retired => "Avvecklad", "Retired";
    NewBadge => "Ny", "New";
    NewPlaceIn => "Ny plats i", "New place in";
    Here => "här", "here";
    ActionWordOne => "åtgärd", "action";
    ActionWordMany => "åtgärder", "actions";
    And => "och", "and";
    AlsoCalled => "Leder också hit:", "Also leads here:";
    ShowAll => "Visa alla", "Show all";
    ShowFewer => "Visa färre", "Show fewer";
    ForOwner => "för", "for";
    MeetingsWord => "möten i", "meetings of";
    Showing => "Visar", "Showing";
    Of => "av", "of";
    NotListed => "som inte visas här", "not listed here";
    PlaceConfirmed => "Platsen är bekräftad.", "The place is confirmed.";
    PlaceRetired => "Platsen är avvecklad och visas inte längre i formulären. Gamla händelser behåller den.", "The place is retired and no longer offered in forms. Old incidents keep it.";
    PlaceRestored => "Platsen är återinförd.", "The place is back.";
    ConfirmPlace => "Bekräfta platsen", "Confirm the place";
    MergeInto => "Slå ihop med en annan plats", "Merge into another place";
    NothingToMergeInto => "Det finns ingen annan plats i området att slå ihop med.", "There is no other place in the area to merge into.";
    KeptPlace => "Platsen som finns kvar", "The place that stays";
    ChoosePlace => "Välj plats", "Choose a place";
    ShowWhatMoves => "Visa vad som flyttas", "Show what moves";
    Rename => "Byt namn", "Rename";
    NewName => "Nytt namn", "New name";
    Retire => "Avveckla", "Retire";
    Restore => "Återinför", "Bring back";
    MergeNow => "Slå ihop med", "Merge into";
    MoveFrom => "flyttas från", "move from";
    To => "till", "to";
    TypingName => "Den som skriver", "Whoever types";
    LeadsTo => "hamnar sedan på", "then gets";
    MergedHere => "är sammanslagen hit:", "has been merged here:";
    MovedSuffix => "flyttades, och namnet leder nu hit.", "moved, and the name now leads here.";
    RetiredSuffix => "(avvecklad)", "(retired)";
    RetireConfirmed => "Avvecklad: visas inte längre i formulären. Tidigare händelser, protokoll och rapporter behåller den.", "Retired: no longer offered in forms. Earlier incidents, minutes and reports keep it.";
    RestoreConfirmed => "Återinförd.", "Brought back.";
    PlacesMovedNote => "Platserna har en egen sida, som samordnarna också sköter:", "Places have a page of their own, which coordinators keep too:";
    PeopleWhoLeft => "Har slutat", "Have left";
    PeopleWhoLeftIntro => "De som inaktiverats visas inte i kontaktlistan. Aktivera någon igen om hen är tillbaka eller inaktiverades av misstag.", "People who have been deactivated are not shown in the directory. Reactivate someone who is back or was deactivated by mistake.";
    ReactivateContact => "Aktivera igen", "Reactivate";
    ContactReactivated => "Kontakten är aktiv igen.", "The contact is active again.";
    DidYouMean => "Menade du", "Did you mean";
    UseThisPlace => "Använd", "Use";
    ActionRedact => "Borttagning av personuppgifter", "Personal data removed";
    TypeAccount => "Konto", "Account";
    AccountsIntro => "Ge nya medarbetare ett konto, ändra roll eller organisation och stäng av kontot för den som slutat. Namnet finns kvar i historik, protokoll och medlemslistor.", "Give new staff an account, change a role or organisation, and close the account of someone who has left. Their name stays in history, minutes and member lists.";
    NewAccount => "Nytt konto", "New account";
    NewAccountHint => "Kontot får inget lösenord. Du får en engångslänk att skicka till personen, som själv väljer sitt lösenord.", "The account gets no password. You get a one-time link to send to the person, who chooses their own password.";
    CreateAccount => "Skapa kontot", "Create the account";
    PersonName => "Namn", "Name";
    WorkEmail => "E-postadress i arbetet", "Work email address";
    Role => "Roll", "Role";
    ChooseRole => "Välj roll", "Choose a role";
    RoleReporter => "Rapportör", "Reporter";
    RoleCoordinator => "Samordnare", "Coordinator";
    RoleManager => "Chef", "Manager";
    RoleAdmin => "Administratör", "Administrator";
    RoleHandler => "Utförare", "Handler";
    WorkOrders => "Arbetsordrar", "Work orders";
    WorkOrder => "Arbetsorder", "Work order";
    SendWorkOrder => "Skicka arbetsorder", "Send a work order";
    SendWorkOrderIntro => "Skicka platsen till den som ska åtgärda den. Ägaren tar emot, planerar och markerar den som åtgärdad; du ser varje steg här och på händelsen.", "Send the place to whoever is to fix it. The owner takes it, plans it and marks it fixed; you see every step here and on the incident.";
    OrderKindField => "Vad är fel", "What is wrong";
    OrderKindLighting => "Belysning", "Lighting";
    OrderKindVegetation => "Vegetation", "Vegetation";
    OrderKindGraffiti => "Klotter", "Graffiti";
    OrderKindLitter => "Nedskräpning", "Litter";
    OrderKindDamagedFurniture => "Skadad utrustning", "Damaged furniture";
    OrderKindOther => "Annat", "Other";
    Priority => "Prioritet", "Priority";
    PriorityNormal => "Normal", "Normal";
    PriorityUrgent => "Brådskande", "Urgent";
    PriorityUrgentHint => "Brådskande: farligt, stötande eller stänger vägen. Kortare tid att åtgärda.", "Urgent: dangerous, offensive or blocking the way. Less time to fix it.";
    OrderSent => "Skickad", "Sent";
    OrderAccepted => "Mottagen", "Accepted";
    OrderPlanned => "Planerad", "Planned";
    OrderDone => "Åtgärdad", "Fixed";
    OrderRejected => "Avvisad", "Rejected";
    OrderWithdrawn => "Återkallad", "Withdrawn";
    StepAccept => "Ta emot", "Accept";
    StepPlan => "Planera", "Plan";
    StepDone => "Markera som åtgärdad", "Mark as fixed";
    StepReject => "Avvisa", "Reject";
    StepReroute => "Skicka till annan ägare", "Send to another owner";
    StepWithdraw => "Återkalla arbetsordern", "Withdraw the work order";
    SendTo => "Skicka till", "Send to";
    ChooseOwner => "Välj vem som ska åtgärda", "Choose who is to fix it";
    Proposed => "föreslagen", "proposed";
    OrderText => "Beskrivning till den som åtgärdar", "Description for whoever fixes it";
    OrderTextHint => "Texten kan gå till en organisation utanför samverkan. Beskriv platsen och felet, aldrig personer.", "The text may go to an organisation outside the collaboration. Describe the place and the fault, never people.";
    SameFault => "Fler händelser med samma fel på platsen", "More incidents with the same fault at the place";
    DueBy => "Ska vara åtgärdad senast", "To be fixed by";
    SentBy => "Skickad av", "Sent by";
    SentOn => "Skickad", "Sent";
    OwnerOrg => "Ägare", "Owner";
    PlannedFor => "Planerad till", "Planned for";
    WhatWasDone => "Vad gjordes", "What was done";
    WhatWasDoneHint => "Skriv kort vad som gjordes, till exempel ”Bytt två armaturer”.", "Say briefly what was done, for example “Replaced two lamps”.";
    RejectReason => "Varför är den inte er?", "Why is it not yours?";
    RejectReasonHint => "Till exempel ”Inte vår fastighet – Norrtäljehem äger huset”. Den som skickade får skicka den vidare.", "For example “Not our property – Norrtäljehem owns the building”. The sender can send it on.";
    NewOwner => "Ny ägare", "New owner";
    OverdueBy => "Försenad", "Overdue by";
    DayOne => "dag", "day";
    DayMany => "dagar", "days";
    HourOne => "timme", "hour";
    HourMany => "timmar", "hours";
    TimeToFix => "Tid att åtgärda:", "Time to fix it:";
    NoWorkOrders => "Inga arbetsordrar här.", "No work orders here.";
    TypeSafetyWalk => "Trygghetsvandring", "Safety walk";
    SafetyWalk => "Trygghetsvandring", "Safety walk";
    SafetyWalks => "Trygghetsvandringar", "Safety walks";
    SafetyWalksIntro => "Gå området tillsammans, anteckna det som känns otryggt plats för plats och gör arbetsordrar av det som ska åtgärdas.", "Walk the area together, note what feels unsafe place by place, and turn what needs fixing into work orders.";
    NoWalks => "Inga trygghetsvandringar än.", "No safety walks yet.";
    PlanWalk => "Planera en trygghetsvandring", "Plan a safety walk";
    WalkDay => "Dag", "Day";
    Participants => "Deltagare", "Participants";
    ParticipantsHint => "Organisationer och roller, inte namn: till exempel \"Polisen, Norrtäljehem, fritidsgården, två boende\".", "Organisations and roles, not names: for example \"Police, the housing company, the youth centre, two residents\".";
    WalkPlanned => "Vandringen är planerad. Anteckna iakttagelser nedan medan ni går.", "The walk is planned. Record observations below as you walk.";
    WalkOpen => "Öppen", "Open";
    WalkDone => "Avslutad", "Done";
    WalkState => "Vandringen", "The walk";
    WalkStateSaved => "Sparat. Vandringen är nu:", "Saved. The walk is now:";
    CloseWalk => "Avsluta vandringen", "Close the walk";
    CloseWalkHint => "När vandringen är avslutad kan inga fler iakttagelser antecknas. Du kan fortfarande göra arbetsordrar av dem.", "Once the walk is closed no more observations can be recorded. You can still turn them into work orders.";
    ReopenWalk => "Öppna vandringen igen", "Open the walk again";
    ReopenWalkHint => "Öppna igen om något saknas i anteckningarna.", "Open it again if something is missing from the notes.";
    WalkReport => "Rapport från vandringen", "Walk report";
    NewObservation => "Ny iakttagelse", "New observation";
    WalkPlaceHint => "Välj en plats i området eller skriv en ny.", "Choose a place in the area or type a new one.";
    WhatKind => "Vad gäller det?", "What is it about?";
    ChooseKind => "Välj …", "Choose …";
    ObservationNote => "Vad ni ser", "What you see";
    ObservationNoteHint => "Beskriv platsen och felet, inte personer. Texten kan skickas till den som åtgärdar.", "Describe the place and the fault, not people. The text may be sent to whoever fixes it.";
    SaveObservation => "Spara iakttagelsen", "Save the observation";
    ObservationSaved => "Iakttagelsen är sparad.", "The observation has been saved.";
    ObservationRemoved => "Iakttagelsen är borttagen.", "The observation has been removed.";
    DraftSaving => "Sparar …", "Saving …";
    DraftsWalkClosed => "Vandringen är avslutad. Iakttagelserna ligger kvar i telefonen och skickas om samordnaren öppnar den igen.", "The walk is closed. The observations stay on this phone and are sent if the coordinator opens it again.";
    WalkClosedForDrafts => "Vandringen är avslutad: inga fler iakttagelser kan antecknas.", "The walk is closed: no more observations can be recorded.";
    DraftsOffline => "Ingen kontakt just nu. Iakttagelserna ligger kvar i telefonen och skickas så snart det går.", "No connection just now. The observations stay on this phone and are sent as soon as possible.";
    DraftsSignedOut => "Du är utloggad. Logga in igen – iakttagelserna ligger kvar i telefonen och skickas sedan.", "You are signed out. Sign in again – the observations stay on this phone and are sent afterwards.";
    DraftsServerTrouble => "Servern kunde inte spara just nu. Iakttagelserna ligger kvar i telefonen och skickas igen om en stund.", "The server could not save just now. The observations stay on this phone and are sent again shortly.";
    NotYetSaved => "Inte sparade än", "Not saved yet";
    DraftWaiting => "Väntar på nät – skickas automatiskt.", "Waiting for a connection – sent automatically.";
    DraftRefused => "Inte sparad:", "Not saved:";
    CorrectDraft => "Rätta", "Correct";
    DiscardDraft => "Släng", "Discard";
    TryAgainNow => "Försök igen nu", "Try again now";
    Observations => "Iakttagelser", "Observations";
    ObservationOne => "iakttagelse", "observation";
    ObservationsCount => "iakttagelser", "observations";
    NoObservations => "Inga iakttagelser än.", "No observations yet.";
    BecameOrder => "Arbetsorder", "Work order";
    BecameOrders => "blev arbetsordrar", "became work orders";
    FixedFromWalk => "åtgärdade", "fixed";
    MakeOrders => "Gör arbetsordrar", "Make work orders";
    MakeOrdersHint => "Kryssa i de iakttagelser som ska åtgärdas och välj vem som ska göra det. Alla kryssade skickas på en gång.", "Tick the observations that need fixing and choose who should do it. All ticked ones are sent at once.";
    ChooseOwnerForIt => "Välj vem som ska åtgärda den.", "Choose who should fix it.";
    OrdersMade => "Arbetsordrarna är skickade.", "The work orders have been sent.";
    OrderTo => "Arbetsorder till", "Work order to";
    NoOrder => "Ingen arbetsorder", "No work order";
    WhatBecameOfIt => "Vad som hände", "What became of it";
    ObservationAt => "Iakttagelse vid", "Observation at";
    AddPhotoTo => "Lägg till foto", "Add a photo";
    ShowOpenOrders => "Öppna", "Open";
    ShowClosedOrders => "Avslutade", "Closed";
    AllKinds => "Alla typer", "All kinds";
    AllAreasOption => "Alla områden", "All areas";
    OrderSentNotice => "Arbetsordern är skickad.", "The work order has been sent.";
    OrderStepSaved => "Sparat. Arbetsordern är nu:", "Saved. The work order is now:";
    OrderClosed => "Arbetsordern är avslutad.", "The work order is closed.";
    RejectedWaiting => "Avvisad av ägaren: skicka den till rätt ägare eller återkalla den.", "Rejected by the owner: send it to the right owner or withdraw it.";
    QueueIntro => "Försenade först, sedan de senast skickade.", "Overdue first, then the most recently sent.";
    OrdersOnIncident => "Arbetsordrar", "Work orders";
    BriefSentTo => "Skickad till", "Sent to";
    BriefAcceptedBy => "Mottagen av", "Accepted by";
    BriefPlannedBy => "Planerad av", "Planned by";
    BriefDoneBy => "Åtgärdad av", "Fixed by";
    BriefRejectedBy => "Avvisad av", "Rejected by";
    BriefWithdrawn => "Återkallad, var hos", "Withdrawn, was with";
    OpenOrders => "Öppna arbetsordrar", "Open work orders";
    ShowQueue => "Visa arbetsordrarna", "Show the work orders";
    NextStep => "Nästa steg", "Next step";
    Photos => "Foton", "Photos";
    Position => "Position", "Position";
    UseMyPosition => "Använd min position", "Use my position";
    RemovePosition => "Ta bort positionen", "Remove the position";
    PositionFailed => "Telefonen gav ingen position. Skriv var det är i beskrivningen.", "The phone gave no position. Say where it is in the description.";
    ShowOnMap => "Visa på karta (OpenStreetMap)", "Show on a map (OpenStreetMap)";
    PhotoBefore => "Före", "Before";
    PhotoAfter => "Efter", "After";
    PhotoStageLegend => "Fotot visar platsen", "The photo shows the place";
    PhotoFile => "Foto", "Photo";
    PhotoPeopleHint => "Fotografera platsen, inte personer.", "Photograph the place, not people.";
    PhotoLimitsHint => "JPEG, PNG eller WebP, högst 10 MB och 5 foton. Position och kamerauppgifter tas bort.", "JPEG, PNG or WebP, at most 10 MB and 5 photos. Location and camera details are removed.";
    AddPhoto => "Lägg till fotot", "Add the photo";
    PhotoSaved => "Fotot är sparat.", "The photo has been saved.";
    EffectHeading => "Händelser på platsen före och efter åtgärden", "Incidents at the place before and after the fix";
    WeeksBefore => "veckor före", "weeks before";
    WeeksAfter => "veckor efter", "weeks after";
    WeeksSoFar => "veckor hittills", "weeks so far";
    OverdueOrders => "Försenade arbetsordrar", "Overdue work orders";
    OrdersPerOwner => "Arbetsordrar per ägare och typ (senaste fyra kvartalen)", "Work orders per owner and kind (last four quarters)";
    SentCount => "Skickade", "Sent";
    FixedCount => "Åtgärdade", "Fixed";
    MedianDaysFixed => "Median dagar till åtgärdad", "Median days to fixed";
    LateShare => "Försenade", "Late";
    EffectsCaption => "Åtgärdade platser: färre händelser de 8 veckorna efter än de 8 före?", "Fixed places: fewer incidents in the 8 weeks after than in the 8 before?";
    FixedMeasured => "Åtgärdade, 8 veckor efter har gått", "Fixed, 8 weeks after have passed";
    FewerAfter => "Färre händelser efteråt", "Fewer incidents afterwards";
    RoutingHeading => "Arbetsordrar: vem åtgärdar", "Work orders: who fixes what";
    RoutingIntro => "Appen föreslår platsens ägare, annars kategorins. Kategorier utan typ kan inte skickas som arbetsorder av rapportörer.", "The app proposes the place's owner, else the category's. Reporters cannot send categories without a kind as work orders.";
    NoOwner => "Ingen ägare", "No owner";
    ServiceLevels => "Tid att åtgärda per typ (timmar)", "Time to fix per kind (hours)";
    ServiceLevelsHint => "Timmar för normal och brådskande prioritet: 336 timmar är 14 dagar. Gäller arbetsordrar som skickas från och med nu.", "Hours for normal and urgent priority: 336 hours is 14 days. Applies to work orders sent from now on.";
    NoOrders => "Inga arbetsordrar", "No work orders";
    ShowPlaces => "Visa platserna", "Show the places";
    RoleReporterHint => "Rapportör: loggar händelser och lämnar veckorapport för sin organisation.", "Reporter: logs incidents and sends the weekly report for their organisation.";
    RoleCoordinatorHint => "Samordnare: leder möten, följer upp åtgärder och ser allt i samverkan.", "Coordinator: runs meetings, follows up actions and sees everything in the collaboration.";
    RoleManagerHint => "Chef: ser översikt och statistik, aldrig enskilda händelser.", "Manager: sees overviews and statistics, never individual incidents.";
    RoleAdminHint => "Administratör: konton och grunddata (områden, platser, kategorier).", "Administrator: accounts and reference data (areas, places, categories).";
    RoleHandlerHint => "Utförare: tar emot och åtgärdar arbetsordrar till sin organisation, ser inget annat.", "Handler: takes and fixes the work orders sent to their organisation, and sees nothing else.";
    AccountCreated => "Kontot är skapat:", "The account has been created:";
    PasswordReset => "Lösenordet är återställt:", "The password has been reset:";
    LinkIntroPrefix => "Skicka länken till", "Send the link to";
    LinkIntroSuffix => "Den kan användas en gång och gäller till", "It can be used once and is valid until";
    LinkNotShownAgain => "Länken visas bara nu: vi sparar den inte.", "The link is shown only now: we do not keep it.";
    LinkLabel => "Länk för att välja lösenord", "Link to choose a password";
    CopyLink => "Kopiera länken", "Copy the link";
    LinkCopied => "Länken är kopierad.", "The link has been copied.";
    CopyByHand => "Länken är markerad: kopiera den med Ctrl+C eller håll fingret på den.", "The link is selected: copy it with Ctrl+C, or press and hold it.";
    LastSignIn => "Senast inloggad", "Last signed in";
    NeverSignedIn => "Har inte loggat in ännu", "Has not signed in yet";
    AccountInactive => "Inaktiverat", "Deactivated";
    AccountLocked => "Spärrat efter för många felaktiga lösenord", "Held after too many wrong passwords";
    LinkWaiting => "Lösenordslänk gäller till", "Password link valid until";
    ManageAccount => "Ändra", "Change";
    ForAccount => "kontot för", "the account of";
    SaveAccount => "Spara ändringen", "Save the change";
    RoleChangeNote => "Byter du roll eller organisation loggas personen ut och ser det nya när hen loggar in igen.", "Changing the role or organisation signs the person out; they see the new one when they sign in again.";
    DeactivateAccount => "Inaktivera kontot", "Deactivate the account";
    DeactivateHint => "Personen loggas ut direkt och kan inte logga in. Namnet finns kvar i historik, protokoll och medlemslistor, och kontot kan aktiveras igen.", "The person is signed out at once and cannot sign in. Their name stays in history, minutes and member lists, and the account can be reactivated.";
    Reactivate => "Aktivera kontot igen", "Reactivate the account";
    ResetPassword => "Återställ lösenordet", "Reset the password";
    ResetHint => "Det gamla lösenordet slutar gälla direkt och personen loggas ut. Du får en ny engångslänk att skicka.", "The old password stops working at once and the person is signed out. You get a new one-time link to send.";
    ConfirmReset => "Ja, återställ lösenordet", "Yes, reset the password";
    Unlock => "Lås upp kontot", "Unlock the account";
    AccountSaved => "Ändringen är sparad.", "The change has been saved.";
    AccountDeactivated => "Kontot är inaktiverat och personen är utloggad.", "The account is deactivated and the person is signed out.";
    AccountReactivated => "Kontot är aktivt igen.", "The account is active again.";
    AccountUnlocked => "Kontot är upplåst: personen kan logga in igen.", "The account is unlocked: the person can sign in again.";
    SearchNameEmail => "Namn eller e-post", "Name or email";
    AnyOrganisation => "Alla organisationer", "All organisations";
    AnyRole => "Alla roller", "All roles";
    StatusActive => "Aktiva", "Active";
    StatusInactive => "Inaktiverade", "Deactivated";
    StatusAll => "Alla", "All";
    AccountOne => "konto", "account";
    AccountMany => "konton", "accounts";
    NoAccounts => "Inga konton matchar sökningen.", "No accounts match the search.";
    YouSuffix => "(du)", "(you)";
    FieldMismatch => "Lösenorden är inte likadana. Skriv samma lösenord två gånger.", "The passwords differ. Type the same password twice.";
    FieldLastAdmin => "Det måste finnas minst en aktiv administratör. Ge någon annan rollen först.", "There must be at least one active administrator. Give someone else the role first.";
    FieldLinkInvalid => "Länken har gått ut eller har redan använts. Be en administratör om en ny länk.", "The link has expired or has already been used. Ask an administrator for a new one.";
    FieldRetired => "Är avvecklad – välj en annan.", "Has been retired – choose another.";
    FieldNotAnImage => "Filen är inte en JPEG-, PNG- eller WebP-bild.", "The file is not a JPEG, PNG or WebP image.";
    FieldTooLargePrefix => "Filen är för stor. Största storlek är", "The file is too large. The largest size is";
    FieldTooManyPrefix => "Det finns redan så många foton som får finnas:", "There are already as many photos as allowed:";
    FieldNotInText => "Texten finns inte i beskrivningen eller dess tidigare versioner. Kopiera den exakt som den står.", "That text is not in the description or its earlier versions. Copy it exactly as it stands.";
    TypeRedactionRequest => "Begäran om borttagning", "Request for removal";
    TypeWorkOrder => "Arbetsorder", "Work order";
    FieldActiveAccounts => "Organisationen har aktiva konton. Inaktivera dem eller flytta dem till en annan organisation först.", "The organisation has active accounts. Deactivate them or move them to another organisation first.";
    SetPassword => "Välj lösenord", "Choose a password";
    SetPasswordWelcome => "Välkommen till Samverkan,", "Welcome to Samverkan,";
    SetPasswordAgain => "Välj ett nytt lösenord,", "Choose a new password,";
    SetPasswordFor => "Lösenordet gäller kontot", "The password is for the account";
    NewPassword => "Lösenord", "Password";
    RepeatPassword => "Samma lösenord igen", "The same password again";
    PasswordHint => "Minst 12 tecken. Vanliga lösenord och enkla mönster godtas inte – en egen mening går bra.", "At least 12 characters. Common passwords and simple patterns are refused – a sentence of your own works well.";
    SavePasswordAndSignIn => "Spara lösenordet och logga in", "Save the password and sign in";
}

/// The language of the page being rendered.
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// The text of `key` in the page's language.
pub fn t(key: T) -> &'static str {
    key.text(use_lang())
}

/// `text` in the page language's quotation marks: ”Rimbo station” in Swedish, “Rimbo station”
/// in English.
pub fn quoted(text: &str) -> String {
    match use_lang() {
        Lang::Sv => format!("”{text}”"),
        Lang::En => format!("“{text}”"),
    }
}

/// `n` with the word for one or for many: "1 händelse", "2 händelser"; "1 incident".
pub fn count_of(n: impl Into<u64>, one: T, many: T) -> String {
    let n = n.into();
    format!("{n} {}", t(if n == 1 { one } else { many }))
}

pub fn yes_no(value: bool) -> &'static str {
    t(if value { T::Yes } else { T::No })
}

/// The sentence for a refused field.
pub fn field_error_text(error: &FieldError, field: &str, lang: Lang) -> String {
    let key = match (error, field) {
        // Said of what the field is, where a general sentence would leave the reader guessing.
        (FieldError::Taken, "email") => Some(T::EmailTaken),
        (FieldError::Taken, "name" | "name_sv") => Some(T::NameTaken),
        (FieldError::TooShort { .. }, "password") => Some(T::PasswordTooShort),
        _ => None,
    };
    if let Some(key) = key {
        return key.text(lang).to_owned();
    }
    let key = match error {
        FieldError::Required => T::FieldRequired,
        FieldError::Invalid => T::FieldInvalid,
        FieldError::InFuture => T::FieldInFuture,
        FieldError::TooOld => T::FieldTooOld,
        FieldError::Passed => T::FieldPassed,
        FieldError::NotYet => T::FieldNotYet,
        FieldError::Unknown => T::FieldUnknown,
        FieldError::ForbiddenCharacters => T::FieldForbiddenCharacters,
        FieldError::Taken => T::FieldTaken,
        FieldError::TooCommon => T::FieldTooCommon,
        FieldError::Mismatch => T::FieldMismatch,
        FieldError::LastAdmin => T::FieldLastAdmin,
        FieldError::LinkInvalid => T::FieldLinkInvalid,
        FieldError::Retired => T::FieldRetired,
        FieldError::ActiveAccounts => T::FieldActiveAccounts,
        FieldError::NotInText => T::FieldNotInText,
        FieldError::NotAnImage => T::FieldNotAnImage,
        FieldError::TooLarge { max_mb } => {
            return format!("{} {max_mb} MB.", T::FieldTooLargePrefix.text(lang));
        }
        FieldError::TooMany { max } => {
            return format!("{} {max}.", T::FieldTooManyPrefix.text(lang));
        }
        FieldError::LooksLikeName { kind, .. } => {
            let what = match kind {
                shared::names::NameWarning::Name => T::NameWarn,
                shared::names::NameWarning::ClassLabel => T::ClassWarn,
            };
            return format!("{}. {}", what.text(lang), T::NameWarnKeep.text(lang));
        }
        FieldError::TooLong { max } => {
            return format!(
                "{} {max} {}",
                T::FieldTooLongPrefix.text(lang),
                T::Characters.text(lang)
            );
        }
        FieldError::TooShort { min } => {
            return format!(
                "{} {min} {}",
                T::FieldTooShortPrefix.text(lang),
                T::Characters.text(lang)
            );
        }
        FieldError::PersonalData { kind, position } => {
            let what = match kind {
                PersonalData::IdentityNumber => T::PdIdentity,
                PersonalData::PhoneNumber => T::PdPhone,
                PersonalData::Email => T::PdEmail,
                PersonalData::VehiclePlate => T::PdPlate,
            };
            return format!(
                "{} {} ({} {position}). {}",
                T::GuardIntro.text(lang),
                what.text(lang),
                T::GuardAt.text(lang),
                T::GuardAdvice.text(lang)
            );
        }
    };
    key.text(lang).to_owned()
}

/// A role's name, and the sentence that says what it may do.
pub fn role_name(role: Role) -> (&'static str, &'static str) {
    let (name, hint) = match role {
        Role::Reporter => (T::RoleReporter, T::RoleReporterHint),
        Role::Coordinator => (T::RoleCoordinator, T::RoleCoordinatorHint),
        Role::Manager => (T::RoleManager, T::RoleManagerHint),
        Role::Admin => (T::RoleAdmin, T::RoleAdminHint),
        Role::Handler => (T::RoleHandler, T::RoleHandlerHint),
    };
    (t(name), t(hint))
}

pub fn org_kind_name(kind: OrgKind, lang: Lang) -> &'static str {
    let key = match kind {
        OrgKind::Municipality => T::KindMunicipality,
        OrgKind::Police => T::KindPolice,
        OrgKind::SecurityGuards => T::KindSecurityGuards,
        OrgKind::FieldWorkers => T::KindFieldWorkers,
        OrgKind::School => T::KindSchool,
        OrgKind::SocialServices => T::KindSocialServices,
        OrgKind::Healthcare => T::KindHealthcare,
        OrgKind::Property => T::KindProperty,
        OrgKind::StreetParks => T::KindStreetParks,
        OrgKind::PublicTransport => T::KindPublicTransport,
        OrgKind::YouthLeisure => T::KindYouthLeisure,
        OrgKind::YouthClinic => T::KindYouthClinic,
        OrgKind::Business => T::KindBusiness,
        OrgKind::Association => T::KindAssociation,
        OrgKind::Other => T::KindOther,
    };
    key.text(lang)
}

pub fn contact_function_name(function: ContactFunction, lang: Lang) -> &'static str {
    let key = match function {
        ContactFunction::CommunityPolice => T::FnCommunityPolice,
        ContactFunction::FieldWorker => T::FnFieldWorker,
        ContactFunction::SchoolPrincipal => T::FnSchoolPrincipal,
        ContactFunction::SchoolCounsellor => T::FnSchoolCounsellor,
        ContactFunction::StudentHealth => T::FnStudentHealth,
        ContactFunction::SocialOnCall => T::FnSocialOnCall,
        ContactFunction::SocialOffice => T::FnSocialOffice,
        ContactFunction::PropertyDuty => T::FnPropertyDuty,
        ContactFunction::YouthLeisure => T::FnYouthLeisure,
        ContactFunction::YouthClinic => T::FnYouthClinic,
        ContactFunction::SecurityGuard => T::FnSecurityGuard,
        ContactFunction::SafetyCoordinator => T::FnSafetyCoordinator,
        ContactFunction::Other => T::FnOther,
    };
    key.text(lang)
}

/// The language of a request: the `lang` cookie, else `Accept-Language`, else Swedish.
#[cfg(feature = "ssr")]
pub fn lang_from_headers(headers: &http::HeaderMap) -> Lang {
    let cookie = headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == "lang")
        .and_then(|(_, value)| Lang::parse(value));
    cookie.unwrap_or_else(|| {
        headers
            .get(http::header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .map(Lang::from_accept_language)
            .unwrap_or_default()
    })
}

/// `2026-11-25 15:00` as "onsdag 25 november 2026 kl. 15.00" (or the English equivalent).
pub fn long_datetime(text: &str, lang: Lang) -> String {
    use chrono::{Datelike, Timelike};
    let Ok(t) = chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M") else {
        return text.to_owned();
    };
    let day = t.weekday().num_days_from_monday() as usize;
    let month = t.month0() as usize;
    match lang {
        Lang::Sv => {
            const DAYS: [&str; 7] = [
                "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag",
            ];
            const MONTHS: [&str; 12] = [
                "januari",
                "februari",
                "mars",
                "april",
                "maj",
                "juni",
                "juli",
                "augusti",
                "september",
                "oktober",
                "november",
                "december",
            ];
            format!(
                "{} {} {} {} kl. {:02}.{:02}",
                DAYS[day],
                t.day(),
                MONTHS[month],
                t.year(),
                t.hour(),
                t.minute()
            )
        }
        Lang::En => {
            const DAYS: [&str; 7] = [
                "Monday",
                "Tuesday",
                "Wednesday",
                "Thursday",
                "Friday",
                "Saturday",
                "Sunday",
            ];
            const MONTHS: [&str; 12] = [
                "January",
                "February",
                "March",
                "April",
                "May",
                "June",
                "July",
                "August",
                "September",
                "October",
                "November",
                "December",
            ];
            format!(
                "{} {} {} {}, {:02}:{:02}",
                DAYS[day],
                t.day(),
                MONTHS[month],
                t.year(),
                t.hour(),
                t.minute()
            )
        }
    }
}

/// The language this page is rendered in: from the request on the server, from the `lang`
/// attribute the server wrote on `<html>` in the browser (so hydration matches).
pub fn current_lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .map(|p| lang_from_headers(&p.headers))
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        document()
            .document_element()
            .and_then(|e| e.get_attribute("lang"))
            .and_then(|l| Lang::parse(&l))
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_exists_in_both_languages_and_differs_where_it_should() {
        for key in T::ALL {
            assert!(!key.text(Lang::Sv).is_empty(), "{key:?} sv");
            assert!(!key.text(Lang::En).is_empty(), "{key:?} en");
        }
        assert_ne!(T::SignIn.text(Lang::Sv), T::SignIn.text(Lang::En));
    }

    #[test]
    fn dates_read_the_swedish_way() {
        assert_eq!(
            long_datetime("2026-11-25 15:00", Lang::Sv),
            "onsdag 25 november 2026 kl. 15.00"
        );
        assert_eq!(
            long_datetime("2026-11-25 15:00", Lang::En),
            "Wednesday 25 November 2026, 15:00"
        );
        assert_eq!(long_datetime("not a date", Lang::Sv), "not a date");
    }

    #[test]
    fn field_errors_name_their_limits() {
        assert_eq!(
            field_error_text(&FieldError::TooLong { max: 2000 }, "description", Lang::Sv),
            "För lång text: högst 2000 tecken."
        );
        assert_eq!(
            field_error_text(&FieldError::TooShort { min: 2 }, "place", Lang::En),
            "Too short: at least 2 characters."
        );
        let pd = FieldError::PersonalData {
            kind: PersonalData::IdentityNumber,
            position: 8,
        };
        assert_eq!(
            field_error_text(&pd, "description", Lang::Sv),
            "Texten innehåller något som ser ut som ett personnummer (vid tecken 8). \
             Beskriv platsen och situationen, inte personen. Inget har sparats."
        );
    }
}
