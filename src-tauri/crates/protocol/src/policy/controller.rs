//! Who the controller is and how a customer reaches IPKO's data-protection officer and the supervisory
//! authority.

/// The controller, as the current policy names it: "the controller of personal data shall be IPKO
/// TELECOMMUNICATIONS LLC., “Zija Shemsiu” Street, No.34 , Ulpiana Neighborhood, Prishtina,
/// www.ipko.com, info@ipko.com".
pub const CONTROLLER_NAME: &str = "IPKO Telecommunications LLC";
pub const CONTROLLER_ADDRESS: &str =
    "“Zija Shemsiu” Street, No.34, Ulpiana Neighborhood, Prishtina, Kosovo";
pub const CONTROLLER_WEBSITE: &str = "www.ipko.com";
pub const CONTROLLER_EMAIL: &str = "info@ipko.com";
pub const CONTROLLER_PHONE: &str = "+383 49 700 700";

/// "You can communicate in writing with IPKO’s Data Protection Officer, via mail (IPKO
/// Telecommunications LLC, Data Protection Officer, “Zija Shemsiu” Street, No.34, Ulpiana Neighborhood,
/// Prishtina)". The policy spells the officer's e-mail address "ipkopriovacy@ipko.com" in one place and
/// "ipkoprivacy@ipko.com" in the older version; the latter is the address in use.
pub const DPO_POSTAL: &str =
    "IPKO Telecommunications LLC, Data Protection Officer, “Zija Shemsiu” Street, No.34, Ulpiana Neighborhood, Prishtina";
pub const DPO_EMAIL: &str = "ipkoprivacy@ipko.com";

/// "Users should submit their complaints by mail to: IPKO, Zija Shemsiu Street”, No.34, Ulpiana
/// Neighborhood, Prishtina; by email to dpo@ipko.com or in writing at the points of sale of IPKO."
pub const COMPLAINTS_EMAIL: &str = "dpo@ipko.com";

/// "Users can also lodge a complaint with the supervisory authority for personal data protection."
/// The current policy calls it "the Information Commissioner"; in Kosovo that office is the Information
/// and Privacy Agency.
pub const SUPERVISORY_AUTHORITY: &str =
    "Information and Privacy Agency (Agjencia për Informim dhe Privatësi), Republic of Kosovo";

/// The law the policy is made under: "Law No. 06/L-082 on Protection of Personal Data".
pub const DATA_PROTECTION_LAW: &str = "Law No. 06/L-082 on Protection of Personal Data";
