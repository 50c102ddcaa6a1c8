//! What the two browser apps share: the applicant's app (`web-applicant`) and the staff app
//! (`web-staff`, officers and operators) are built and downloaded separately, and both are
//! made of these parts. Nothing here knows a page or an app: data and imports flow from here
//! to the apps, never back.
//!
//! - [`api`]: the typed API client and its one error type;
//! - [`components`]: the pieces pages share; [`shell`]: the frame around an app's routes;
//! - [`nav`]: moving between pages (and between the two apps), focus;
//! - [`state`]: app-wide contexts (language, session, page title);
//! - [`i18n`], [`time`], [`draft`]: pure logic, tested natively.

pub mod api;
pub mod components;
pub mod draft;
pub mod i18n;
pub mod nav;
pub mod shell;
pub mod state;
pub mod time;
