//! Passages of the current policy that the kiosk prints whole (on the data report and the receipts)
//! and that belong to no single term of the vocabulary. Word for word, "…" where a passage is
//! shortened, with the policy's stray spaces collapsed and two slips of the pen mended ("email
//! to:i info@ipko.com", "Prishtina,;"); English, the language of the policy text the kiosk holds.

/// "Information on the controller".
pub const CONTROLLER: &str = "Provided that the documents, regulating a specific contractual relationship, do not stipulate otherwise, the controller of personal data shall be IPKO TELECOMMUNICATIONS LLC., “Zija Shemsiu” Street, No.34, Ulpiana Neighborhood, Prishtina, www.ipko.com, info@ipko.com";

/// How to reach the data-protection officer. The policy misspells the address here
/// ("ipkopriovacy"); see [`super::controller::DPO_EMAIL`] for the address in use.
pub const DATA_PROTECTION_OFFICER: &str = "You can communicate in writing with IPKO’s Data Protection Officer, via mail (IPKO Telecommunications LLC, Data Protection Officer, “Zija Shemsiu” Street, No.34, Ulpiana Neighborhood, Prishtina) and/or via e-mail.";

/// The policy's first paragraph: the law it is made under.
pub const LAW: &str = "IPKO Telecommunications LLC (hereinafter referred to as “IPKO”) … processes the personal data of users of its electronic communications services in full compliance with the applicable Law No. 06 / L-082 on Protection of Personal Data.";

/// "Users of personal data".
pub const RECIPIENTS: &str = "Users of personal data include IPKO, IPKO suppliers, IPKO’s contractual partners, and state bodies. … IPKO may submit subscriber /user’s information to contractual partners, to whom IPKO assigned its claims against the subscriber/user. Official bodies may acquire personal data from IPKO only in cases and pursuant to procedures, stipulated by the law.";

/// "Types of data", on sources.
pub const SOURCES: &str = "IPKO may acquire personal data either directly from the user, or indirectly through the user’s use of a specific service. IPKO may also acquire personal data from third parties – in this case, IPKO shall acquire and process the same types and/or categories of personal data, as if such data had been acquired directly from the user.";

/// "Transfer to third countries".
pub const TRANSFERS: &str =
    "As a rule, IPKO does not transfer users’ personal data to third countries.";

/// "Automated decision-making and profiling".
pub const AUTOMATED_DECISIONS: &str = "To ensure continuous provision of electronic communication and other services, and the security of such provision (including security measures for the protection of individuals’ personal data), and when processing personal data pursuant to this Privacy Policy, IPKO also processes data through automated decision-making and/or profiling.";

/// "Consent", on personalised offers: the profiling the consent purposes allow.
pub const PERSONALISED_OFFERS: &str = "IPKO shall process data for automated decision-making whether a specific offer is interesting for a specific user, as well as for their profiling/segmentation (e.g. based on demographic, socio-graphic and behavioral data, and other criteria and factors, such as gender, age, location of residence, service usage frequency, type and time of the use of services, websites and apps, past purchasing habits, location or online identification), on the basis of which IPKO shall submit offers to the user.";

/// "Consent": how a consent is withdrawn and what follows.
pub const WITHDRAWAL: &str = "In cases where personal data processing is based on consent, the user may withdraw their consent at any given time. … Users can withdraw their consent by sending a written request to: IPKO TELECOMMUNICATIONS LLC, “Zija Shemsiu” Street, No.34, Ulpiana Neighborhood, Prishtina, info@ipko.com; by submitting a written request at IPKO’s points of sale; by sending their request by email to: info@ipko.com; or by calling +38349/700700. … In case a consent is withdrawn, IPKO shall cease to process data, collected based on the relevant consent, and/or shall no longer process them for the purpose, which was the subject of consent.";

/// "Right to object".
pub const OBJECTION: &str = "The user shall have the right to object and can, at any given time, object to the processing of data for the above-specified purposes. In this case IPKO shall – if this is possible and if the interests of IPKO do not prevail over the user’s interests, rights and freedoms – cease with the processing of data for these purposes. A user can submit their objection by sending a written request to IPKO, either by email to: info@ipko.com; by regular mail to IPKO Telecommunications LLC., “Zija Shemsiu” Street, No.34, Prishtina; or by submitting their written request at the points of sale of IPKO.";

/// "Rights of individuals": how a request is made.
pub const EXERCISING_RIGHTS: &str = "In the submission for the exercise of their rights, users must properly identify themselves and clearly define their request. IPKO users can submit data corrections to IPKO in writing, or by signing a new document for the contractual relationship, which includes the corrected data. Specific users’ rights may be limited in specific cases pursuant to regulations (e.g. prohibition of information about any investigations, etc).";

/// "Right to complaint", to IPKO.
pub const COMPLAINT_TO_IPKO: &str = "In case that a user believes that IPKO violated their rights during the processing of personal data, they can lodge a complaint with IPKO. Users should submit their complaints by mail to: IPKO, Zija Shemsiu Street”, No.34, Ulpiana Neighborhood, Prishtina; by email to dpo@ipko.com or in writing at the points of sale of IPKO.";

/// "Right to complaint", to the supervisory authority.
pub const COMPLAINT_TO_AUTHORITY: &str = "Users can also lodge a complaint with the supervisory authority for personal data protection. The supervisory authority for data protection in the Republic of Kosovo is the Information Commissioner.";
