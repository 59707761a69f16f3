// A vocabulary as kiosk_core::vocabulary::Vocabulary serialises, with a few terms of each list, for the
// unit tests.

const label = (sq: string, en: string, sr: string) => ({ sq, en, sr });

export const sample = {
  categories: [
    {
      id: "identity_contact",
      label: label("Identiteti dhe kontakti", "Identity and contact", "Идентитет и контакт"),
      policy_text: "Name, surname",
    },
    {
      id: "mobile_services",
      label: label("Shërbimet mobile", "Mobile services", "Мобилне услуге"),
      policy_text: "Mobile number",
    },
  ],
  consent_purposes: [
    {
      id: "current_offers",
      label: label("Ofertat aktuale", "Current offers", "Актуелне понуде"),
      channels: ["sms_mms", "email"],
      profiles_with_traffic_and_location: false,
      policy_text: "You hereby agree…",
    },
    {
      id: "help_us_be_better",
      label: label("Na ndihmoni të jemi më të mirë", "Help us be better", "Помозите нам да будемо бољи"),
      channels: [],
      profiles_with_traffic_and_location: true,
      policy_text: "Since you want…",
    },
  ],
  channels: [
    { id: "sms_mms", label: label("SMS/MMS", "SMS/MMS", "SMS/MMS") },
    { id: "email", label: label("E-mail", "E-mail", "Е-пошта") },
  ],
  legal_bases: [
    { id: "contract", label: label("Kontrata", "Contract", "Уговор") },
    { id: "consent", label: label("Pëlqimi", "Consent", "Сагласност") },
  ],
  objection_purposes: [
    {
      id: "fraud_prevention",
      label: label("Parandalimi i mashtrimit", "Fraud prevention", "Спречавање превара"),
      usually_prevails: true,
      policy_text: "IPKO strives to prevent fraud…",
    },
  ],
  rights: [
    {
      id: "erasure",
      label: label("Fshirja", "Erasure", "Брисање"),
      business_only: false,
      deadline: "one_month_at_most_three",
    },
  ],
  retention: [
    { id: "contract_term", label: label("Gjatë kontratës", "For the term of the contract", "Током уговора") },
  ],
};
