/**
 * Test helper: checks a PAS Request Bundle against the shape issue 11 asks for (HL7 Da Vinci
 * PAS, input/fsh/Bundle.fsh PASRequestBundle and Claim.fsh PASClaim) and that every reference
 * resolves inside the bundle. Returns the problems found, in words (empty: the bundle is good).
 */
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const URN_UUID = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ICD10CM = 'http://hl7.org/fhir/sid/icd-10-cm';
const PROCEDURE_SYSTEMS = ['http://www.ama-assn.org/go/cpt', 'http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets'];
const POS = 'https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set';

/** Every `reference` string anywhere inside a value. */
export function referencesIn(v: unknown, out: string[] = []): string[] {
  if (Array.isArray(v)) v.forEach((x) => referencesIn(x, out));
  else if (isObj(v)) {
    for (const [k, x] of Object.entries(v)) {
      if (k === 'reference' && typeof x === 'string') out.push(x);
      else referencesIn(x, out);
    }
  }
  return out;
}

export function pasBundleProblems(bundle: unknown): string[] {
  const p: string[] = [];
  if (!isObj(bundle)) return ['not an object'];
  if (bundle.resourceType !== 'Bundle') p.push('resourceType is not Bundle');
  if (bundle.type !== 'collection') p.push('type is not collection');
  const ident = bundle.identifier;
  if (!isObj(ident) || typeof ident.system !== 'string' || typeof ident.value !== 'string' || !ident.value) p.push('bundle identifier missing');
  if (typeof bundle.timestamp !== 'string' || !INSTANT.test(bundle.timestamp)) p.push('timestamp missing or not an instant');
  const entries = arr(bundle.entry).filter(isObj);
  if (!entries.length) return [...p, 'no entries'];

  const byUrl = new Map<string, Obj>();
  const seenResources = new Set<string>();
  for (const e of entries) {
    const url = e.fullUrl;
    const r = e.resource;
    if (typeof url !== 'string' || !URN_UUID.test(url)) p.push(`fullUrl ${String(url)} is not a urn:uuid`);
    else if (byUrl.has(url)) p.push(`fullUrl ${url} used twice`);
    if (!isObj(r) || typeof r.resourceType !== 'string') {
      p.push(`entry ${String(url)} has no resource`);
      continue;
    }
    const key = `${r.resourceType}/${String(r.id)}`;
    if (seenResources.has(key)) p.push(`${key} included twice`);
    seenResources.add(key);
    if (typeof url === 'string') byUrl.set(url, r);
    for (const k of ['search', 'request', 'response']) if (k in e) p.push(`entry.${k} is not allowed in a PAS request`);
  }
  for (const e of entries) for (const ref of referencesIn(e.resource)) if (!byUrl.has(ref)) p.push(`reference ${ref} in ${String(e.fullUrl)} does not resolve`);

  const target = (ref: unknown): Obj | undefined => (isObj(ref) && typeof ref.reference === 'string' ? byUrl.get(ref.reference) : undefined);
  const typeOf = (ref: unknown) => target(ref)?.resourceType;

  const claim = entries[0]!.resource;
  if (!isObj(claim) || claim.resourceType !== 'Claim') return [...p, 'the first entry is not the Claim'];
  if (entries.filter((e) => isObj(e.resource) && e.resource.resourceType === 'Claim').length !== 1) p.push('more than one Claim');
  if (claim.use !== 'preauthorization') p.push('Claim.use is not preauthorization');
  if (claim.status !== 'active') p.push('Claim.status is not active');
  if (!arr(claim.identifier).length) p.push('Claim has no identifier');
  if (typeOf(claim.patient) !== 'Patient') p.push('Claim.patient is not a Patient in the bundle');
  if (typeOf(claim.insurer) !== 'Organization') p.push('Claim.insurer is not an Organization in the bundle');
  const providerType = typeOf(claim.provider);
  if (!['Practitioner', 'PractitionerRole', 'Organization'].includes(String(providerType))) p.push('Claim.provider does not resolve to a provider');
  const practitioner = providerType === 'PractitionerRole' ? target(target(claim.provider)!.practitioner) : target(claim.provider);
  const npi = arr(practitioner?.identifier).find((i) => isObj(i) && i.system === 'http://hl7.org/fhir/sid/us-npi');
  if (!isObj(npi) || !/^\d{10}$/.test(String(npi.value))) p.push('the provider has no NPI identifier');
  const insurance = arr(claim.insurance).filter(isObj);
  if (!insurance.length || insurance.some((i) => typeOf(i.coverage) !== 'Coverage')) p.push('Claim.insurance does not point at a Coverage');

  const items = arr(claim.item).filter(isObj);
  if (!items.length) p.push('Claim has no items');
  items.forEach((it, i) => {
    const where = `item ${i + 1}`;
    if (it.sequence !== i + 1) p.push(`${where}: sequence is not ${i + 1}`);
    if (!arr(isObj(it.category) ? it.category.coding : undefined).length) p.push(`${where}: no category`);
    const code = arr(isObj(it.productOrService) ? it.productOrService.coding : undefined).find(isObj);
    if (!code || !PROCEDURE_SYSTEMS.includes(String(code.system)) || !code.code) p.push(`${where}: productOrService is not a CPT/HCPCS code`);
    const q = it.quantity;
    if (!isObj(q) || typeof q.value !== 'number' || q.value <= 0) p.push(`${where}: no quantity`);
    const sp = it.servicedPeriod;
    if (!isObj(sp) || !DATE.test(String(sp.start)) || !DATE.test(String(sp.end)) || String(sp.end) < String(sp.start)) p.push(`${where}: servicedPeriod is not a date range`);
    const pos = arr(isObj(it.locationCodeableConcept) ? it.locationCodeableConcept.coding : undefined).find(isObj);
    if (!pos || pos.system !== POS || !/^\d{2}$/.test(String(pos.code))) p.push(`${where}: no place of service`);
  });

  const dx = arr(claim.diagnosis).filter(isObj);
  if (!dx.length) p.push('Claim has no diagnosis');
  if (dx.length > 12) p.push(`Claim has ${dx.length} diagnoses (at most 12)`);
  dx.forEach((d, i) => {
    const c = arr(isObj(d.diagnosisCodeableConcept) ? d.diagnosisCodeableConcept.coding : undefined).find(isObj);
    if (!c || c.system !== ICD10CM || !c.code) p.push(`diagnosis ${i + 1} is not ICD-10-CM`);
    if (d.sequence !== i + 1) p.push(`diagnosis ${i + 1}: sequence is not ${i + 1}`);
  });

  // Every DocumentReference in the bundle is supporting info, and each supporting document is inline.
  const docUrls = entries.filter((e) => isObj(e.resource) && e.resource.resourceType === 'DocumentReference').map((e) => e.fullUrl);
  const supported = arr(claim.supportingInfo)
    .filter(isObj)
    .map((s) => (isObj(s.valueReference) ? s.valueReference.reference : undefined))
    .filter((r): r is string => typeof r === 'string');
  for (const u of docUrls) if (!supported.includes(String(u))) p.push(`DocumentReference ${String(u)} is not referenced from Claim.supportingInfo`);
  for (const r of supported) {
    const doc = byUrl.get(r);
    if (doc?.resourceType !== 'DocumentReference') p.push(`supportingInfo ${r} is not a DocumentReference`);
    const att = isObj(arr(doc?.content)[0]) ? (arr(doc!.content)[0] as Obj).attachment : undefined;
    if (!isObj(att) || typeof att.data !== 'string' || 'url' in att) p.push(`DocumentReference ${r} does not carry its content inline`);
  }
  return p;
}
