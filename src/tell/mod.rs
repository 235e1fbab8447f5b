//! Say it and write it: the words for the judge's values, the UI catalogue, the toolbar badge, exports, the evidence file, the fix draft, the mail to the portal.

pub mod badge;
pub mod escape;
pub mod evidence;
pub mod export;
pub mod i18n;
pub mod policy_fix;
pub mod portal_mail;
pub mod words;
