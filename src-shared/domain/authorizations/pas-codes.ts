/**
 * Code systems and extension URLs of the HL7 Da Vinci Prior Authorization Support (PAS) FHIR
 * R4 implementation guide, as its FSH sources name them (github.com/HL7/davinci-pas,
 * input/fsh/: Bundle.fsh, Claim.fsh, Claim-update.fsh, ClaimResponse.fsh, Terminology.fsh,
 * Examples.fsh; canonical http://hl7.org/fhir/us/davinci-pas, version 2.2.1 at the time of
 * writing). Shared by the request export and the response import so both read the same words.
 */

export const PAS = 'http://hl7.org/fhir/us/davinci-pas';
export const pasExtension = (id: string) => `${PAS}/StructureDefinition/${id}`;
/** PASTempCodes (Terminology.fsh): supportingInfo categories and diagnosis types. */
export const PAS_TEMP_CODES = `${PAS}/CodeSystem/PASTempCodes`;

/** X12 code lists as PAS names them: https://codesystem.x12.org/005010/<element>. */
export const x12 = (element: number) => `https://codesystem.x12.org/005010/${element}`;
/** X12 element 306, Action Code: the review outcome of an item (HCR01). */
export const X12_REVIEW_ACTION = x12(306);

export const SYSTEMS = {
  icd10cm: 'http://hl7.org/fhir/sid/icd-10-cm',
  cpt: 'http://www.ama-assn.org/go/cpt',
  hcpcs: 'http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets',
  placeOfService: 'https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set',
  npi: 'http://hl7.org/fhir/sid/us-npi',
  loinc: 'http://loinc.org',
  claimType: 'http://terminology.hl7.org/CodeSystem/claim-type',
  processPriority: 'http://terminology.hl7.org/CodeSystem/processpriority',
  identifierType: 'http://terminology.hl7.org/CodeSystem/v2-0203',
  subscriberRelationship: 'http://terminology.hl7.org/CodeSystem/subscriber-relationship',
  coverageClass: 'http://terminology.hl7.org/CodeSystem/coverage-class',
  usCoreDocumentCategory: 'http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category',
  adjudication: 'http://terminology.hl7.org/CodeSystem/adjudication',
} as const;

/**
 * This app's own identifier systems. PAS asks for `urn:trnorg:<TRN03>` on the Claim when the
 * submitter has an X12 originating company id; a clinic without one uses these, and the import
 * matches a response to its request by them (the response echoes the Claim's identifier).
 */
export const DESK_SYSTEMS = {
  request: 'urn:infusion-desk:pas-request',
  item: 'urn:infusion-desk:pas-item',
  transmission: 'urn:infusion-desk:pas-transmission',
  mrn: 'urn:infusion-desk:mrn',
  document: 'urn:infusion-desk:document',
  payer: 'urn:infusion-desk:payer',
} as const;

/** X12 306 review action codes the import understands; anything else lands in "needs review". */
export const REVIEW_ACTIONS = {
  A1: 'Certified in total',
  A3: 'Not certified',
  A4: 'Pended',
} as const;
