import type { Deviation, DocumentedExample } from "../support/example-compare.ts";

/**
 * CipherTrust's documented example responses for the SAP routes we serve, copied as the stored doc
 * pages print them (thalesdocs.com, "cckmapi" → "sap-apis"; values included), with what the
 * comparison (test/support/example-compare.ts) checks in each. Source ids and their pages are
 * listed in docs/cckm-compatibility.md §6.
 *
 * The stored pages stop about 3,000 characters in, so most examples are cut: `cut` says where, a
 * value cut mid-way is kept as far as it is shown and listed in `truncated`, a key cut mid-name is
 * left out. Nothing here is guessed: a field the docs do not show is not here.
 *
 * Where two versions of a page show the same example, the one that shows more is used (the 2.14
 * pages print the JSON without indentation, so more of it fits).
 */

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
/** A name slug as CipherTrust puts it before the id: lower case, runs of other characters one `-`. */
const SLUG = "[a-z0-9]+(?:-[a-z0-9]+)*";
const uri = (kind: string, slug: "slug" | "optional slug" | "no slug") => {
  const prefix = slug === "slug" ? `${SLUG}-` : slug === "optional slug" ? `(?:${SLUG}-)?` : "";
  return new RegExp(`^kylo:kylo:cckm:${kind}:${prefix}${UUID}$`);
};
const uuid = new RegExp(`^${UUID}$`);

const base = { notes: [], exact: [], patterns: {}, fromSap: [], truncated: [], deviations: [] } as const;

/**
 * Key uris. The get and create examples carry a name slug; the delete and delete-backup examples
 * show the same kind with the id alone. We always put the slug, so those two accept both forms.
 */
const keyUri = uri("sap-key", "slug");
const keyUriEitherForm = uri("sap-key", "optional slug");

// D-KEY-GET: https://d23res6d8zycp3.cloudfront.net/ctp/cm/pfm-redirect/reference/cckmapi/sap-apis/sap-keys-apis/sap-fetch-key-details/index.html
const sapKeyGet: DocumentedExample = {
  ...base,
  source: "D-KEY-GET",
  url: "https://d23res6d8zycp3.cloudfront.net/ctp/cm/pfm-redirect/reference/cckmapi/sap-apis/sap-keys-apis/sap-fetch-key-details/index.html",
  route: "GET /api/v1/cckm/sap/keys/{id}",
  cut: 'inside sap_param.meta, after "created":"2021',
  notes: [
    "sap_param.sap_key_id equals the resource id in the example (a doc slip; values are not compared)",
    "the uri's UUID (38ae47c5-…) is not the resource id (d109deae-…) in the example; only the form is compared",
  ],
  body: {
    id: "d109deae-5ca7-421d-bf49-637e65c3bbcb",
    uri: "kylo:kylo:cckm:sap-key:testsapkey1-38ae47c5-296f-4b24-9016-82212cd9360c",
    account: "kylo:kylo:admin:accounts:kylo",
    createdAt: "2021-10-18T04:24:18.88509Z",
    updatedAt: "2021-10-18T05:48:26.754073Z",
    cloud_name: "sap",
    tenant: "thales-preprod",
    sap_param: {
      description: "",
      enabled: true,
      exportable: false,
      groupId: "489ac34d-3e9c-4be3-8c1c-2c383bf31461",
      sap_key_id: "d109deae-5ca7-421d-bf49-637e65c3bbcb",
      keystoreContext: { customerHeld: false },
      meta: { created: "2021" }, // cut here
    },
  },
  exact: ["account", "cloud_name"],
  patterns: { uri: keyUri },
  fromSap: ["sap_param.keystoreContext.customerHeld", "sap_param.meta.created"],
  truncated: ["sap_param.meta.created"],
};

// D-KEY-CREATE-213: https://www.thalesdocs.com/ctp/cm/2.13/reference/cckmapi/sap-apis/sap-keys-apis/sap-create-keys/index.html
const sapKeyCreate: DocumentedExample = {
  ...base,
  source: "D-KEY-CREATE-213",
  url: "https://www.thalesdocs.com/ctp/cm/2.13/reference/cckmapi/sap-apis/sap-keys-apis/sap-create-keys/index.html",
  route: "POST /api/v1/cckm/sap/keys",
  cut: 'inside account, after "kylo:kylo:admin:acc"',
  notes: ["the same id and uri as the D-KEY-GET example"],
  body: {
    id: "d109deae-5ca7-421d-bf49-637e65c3bbcb",
    uri: "kylo:kylo:cckm:sap-key:testsapkey1-38ae47c5-296f-4b24-9016-82212cd9360c",
    account: "kylo:kylo:admin:acc", // cut here
  },
  patterns: { uri: keyUri },
  truncated: ["account"],
};

// D-KEY-DEL-SAP-214: https://thalesdocs.com/ctp/cm/2.14/reference/cckmapi/sap-apis/sap-keys-apis/sap-delete-key-sap/index.html
// (D-KEY-DEL-SAP-213 shows the same values, cut earlier, inside sap_param after "keystoreContext").
const sapKeyAfterDeleteOnSap: DocumentedExample = {
  ...base,
  source: "D-KEY-DEL-SAP-214",
  url: "https://thalesdocs.com/ctp/cm/2.14/reference/cckmapi/sap-apis/sap-keys-apis/sap-delete-key-sap/index.html",
  route: "POST /api/v1/cckm/sap/keys/{id}/delete",
  cut: 'inside sap_param.meta, in the key after creatorId ("creatorNam"); that key is left out',
  notes: ["no name slug in the uri (the get and create examples have one): the pattern accepts both forms"],
  body: {
    id: "6229b2b6-f603-4927-b5e9-476f4a9ff79b",
    uri: "kylo:kylo:cckm:sap-key:6229b2b6-f603-4927-b5e9-476f4a9ff79b",
    account: "kylo:kylo:admin:accounts:kylo",
    createdAt: "2021-11-24T07:36:18.594688Z",
    updatedAt: "2021-11-24T07:40:25.906878Z",
    cloud_name: "sap",
    tenant: "thales-preprod",
    sap_param: {
      enabled: true,
      exportable: true,
      groupId: "489ac34d-3e9c-4be3-8c1c-2c383bf31461",
      sap_key_id: "36ec5f0c-b6c3-4826-9548-1d51b7fe0cb9",
      keystoreContext: { customerHeld: false },
      meta: {
        created: "2021-11-24T07:36:17Z",
        creatorId: "69f41156-5197-490d-aa5f-f1ffb0ab4e66",
        // cut here, inside the next key ("creatorNam")
      },
    },
  },
  exact: ["account", "cloud_name"],
  patterns: { uri: keyUriEitherForm },
  fromSap: ["sap_param.keystoreContext.customerHeld", "sap_param.meta.created", "sap_param.meta.creatorId"],
};

// D-KEY-DELBAK-214: https://thalesdocs.com/ctp/cm/2.14/reference/cckmapi/sap-apis/sap-keys-apis/sap-delete-backup/index.html
// (D-KEY-DELBAK-213 shows the same values, cut earlier, inside sap_param.groupId).
const sapKeyAfterDeleteBackup: DocumentedExample = {
  ...base,
  source: "D-KEY-DELBAK-214",
  url: "https://thalesdocs.com/ctp/cm/2.14/reference/cckmapi/sap-apis/sap-keys-apis/sap-delete-backup/index.html",
  route: "POST /api/v1/cckm/sap/keys/{id}/delete-backup",
  cut: 'inside sap_param.sap_key_id, after "0df1f137-5c6b-46"',
  notes: ["no name slug in the uri (the get and create examples have one): the pattern accepts both forms"],
  body: {
    id: "fcdad52b-0464-4b07-9162-94a6f3fb9103",
    uri: "kylo:kylo:cckm:sap-key:fcdad52b-0464-4b07-9162-94a6f3fb9103",
    account: "kylo:kylo:admin:accounts:kylo",
    createdAt: "2021-11-24T09:09:10.129255Z",
    updatedAt: "2021-11-24T09:20:22.083968236Z",
    cloud_name: "sap",
    tenant: "thales-preprod",
    sap_param: {
      enabled: true,
      exportable: true,
      groupId: "489ac34d-3e9c-4be3-8c1c-2c383bf31461",
      sap_key_id: "0df1f137-5c6b-46", // cut here
    },
  },
  exact: ["account", "cloud_name"],
  patterns: { uri: keyUriEitherForm },
  truncated: ["sap_param.sap_key_id"],
};

// D-VER-ADD-214: https://thalesdocs.com/ctp/cm/2.14/reference/cckmapi/sap-apis/sap-keys-apis/sap-add-key-version/index.html
// (D-VER-ADD-213 shows the same values, cut earlier, inside updatedAt).
const sapKeyVersionAdd: DocumentedExample = {
  ...base,
  source: "D-VER-ADD-214",
  url: "https://thalesdocs.com/ctp/cm/2.14/reference/cckmapi/sap-apis/sap-keys-apis/sap-add-key-version/index.html",
  route: "POST /api/v1/cckm/sap/keys/{id}/versions",
  cut: 'inside cloud_name, after "sa"',
  body: {
    id: "442a7d65-1f27-4d2e-96b3-c8144b363eb7",
    uri: "kylo:kylo:cckm:sap-key-version:442a7d65-1f27-4d2e-96b3-c8144b363eb7",
    account: "kylo:kylo:admin:accounts:kylo",
    createdAt: "2021-10-18T10:15:54.628368425Z",
    updatedAt: "2021-10-18T10:15:54.6256878Z",
    cloud_name: "sa", // cut here
  },
  exact: ["account"],
  patterns: { uri: uri("sap-key-version", "no slug") },
  truncated: ["cloud_name"],
};

// D-VER-GET-214: https://thalesdocs.com/ctp/cm/2.14/reference/cckmapi/sap-apis/sap-keys-apis/sap-fetch-key-version-details/index.html
// (D-VER-GET-213 shows the same values, cut inside meta.creatorId). Complete.
const sapKeyVersionGet: DocumentedExample = {
  ...base,
  source: "D-VER-GET-214",
  url: "https://thalesdocs.com/ctp/cm/2.14/reference/cckmapi/sap-apis/sap-keys-apis/sap-fetch-key-version-details/index.html",
  route: "GET /api/v1/cckm/sap/keys/{id}/versions/{versionID}",
  cut: null,
  notes: [
    "the example request quotes the version id in the path (%22…%22) and names the add example's version id as the key id: doc defects",
    "updatedAt is earlier than createdAt in the example",
  ],
  body: {
    id: "d1679f07-38e0-4521-911c-90118e9497c4",
    uri: "kylo:kylo:cckm:SAP_KEY_VERSION:d1679f07-38e0-4521-911c-90118e9497c4",
    account: "kylo:kylo:admin:accounts:kylo",
    createdAt: "2021-10-04T14:07:01.000529683Z",
    updatedAt: "2021-10-04T14:07:00.99243925Z",
    cloud_name: "SAP",
    tenant: "thales-preprod",
    groupId: "2f0243f5-cce5-45d9-b6fe-fdcfc0d50fde",
    sap_key_id: "806f0dc7-e5d0-4695-b68b-1148bda4a63e",
    origin: "native",
    enabled: true,
    operations: ["DECRYPT", "ENCRYPT"],
    version: 1,
    meta: {
      created: "2021-10-04T14:07:00.822338",
      creatorId: "613738c2-550d-4881-b5a8-c230fcffcf60",
      creatorName: "creator.name@xyz.com",
    },
  },
  exact: ["account"],
  fromSap: ["meta.created", "meta.creatorId", "meta.creatorName"],
  deviations: [
    {
      path: "uri",
      documented: "kylo:kylo:cckm:SAP_KEY_VERSION:<uuid>",
      ours: "kylo:kylo:cckm:sap-key-version:<uuid>",
      reason: "the add example (D-VER-ADD-214) and the update page spell the kind sap-key-version; we follow those",
    },
    {
      path: "cloud_name",
      documented: "SAP",
      ours: "sap",
      reason: 'upper case only here; every key, group and add-version example says "sap"',
    },
  ],
};

// D-GROUP-GET-213: https://www.thalesdocs.com/ctp/cm/2.13/reference/cckmapi/sap-apis/sap-groups-apis/sap-view-details/index.html
// (2.14 and the staging mirror print the same). Complete.
const sapGroup: DocumentedExample = {
  ...base,
  source: "D-GROUP-GET-213",
  url: "https://www.thalesdocs.com/ctp/cm/2.13/reference/cckmapi/sap-apis/sap-groups-apis/sap-view-details/index.html",
  route: "GET /api/v1/cckm/sap/groups/{id}",
  cut: null,
  notes: [
    'the page wraps the object in an "application/json" key (a doc defect, as in seed 002); the inner object is kept',
  ],
  body: {
    id: "e4b2c2da-4226-4cd8-bbfa-b3ad7a7c05ea",
    uri: "kylo:kylo:cckm:sap-group:e4b2c2da-4226-4cd8-bbfa-b3ad7a7c05ea",
    account: "kylo:kylo:admin:accounts:kylo",
    createdAt: "2021-09-22T10:41:05.781962Z",
    updatedAt: "2021-09-22T10:41:05.779978Z",
    Name: "TestCCKM",
    group_id: "a42e389b-3d6a-43a6-ab94-9ef13de05785",
    sap_application: "GENERAL",
    keystore_id: "1e40864c-1b58-44b1-8654-a3a893705fb3",
    connection: "sap-connection",
    cloud_name: "sap",
  },
  exact: ["account", "cloud_name"],
  patterns: { uri: uri("sap-group", "no slug") },
  fromSap: ["sap_application", "keystore_id"],
  deviations: [
    {
      path: "Name",
      documented: "TestCCKM",
      ours: "name",
      reason: "capital N only here; the group PATCH example (D-GROUP-PATCH-212) and the list filter say name",
    },
  ],
};

// D-ADDGROUPS-214: https://thalesdocs.com/ctp/cm/2.14/reference/cckmapi/sap-apis/sap-groups-apis/sap-add-groups/index.html
const addGroupsAnswer: DocumentedExample = {
  ...base,
  source: "D-ADDGROUPS-214",
  url: "https://thalesdocs.com/ctp/cm/2.14/reference/cckmapi/sap-apis/sap-groups-apis/sap-add-groups/index.html",
  route: "POST /api/v1/cckm/sap/add-groups",
  cut: 'inside groups[0].updatedAt, after "0001-"',
  notes: [
    "groups[0].id is the SAP group id the request names; ours is our resource id (values are not compared)",
    "groups[0].updatedAt starts 0001- (Go's zero time); ours is a real time",
  ],
  body: {
    id: "5cabfd8d-1601-45b0-a05d-2c94fe23850c",
    uri: "kylo:kylo:cckm:sap-group:5cabfd8d-1601-45b0-a05d-2c94fe23850c",
    account: "kylo:kylo:admin:accounts:kylo",
    createdAt: "2021-11-24T03:34:35.438365406Z",
    updatedAt: "2021-11-24T03:34:35.438365575Z",
    groups: [
      {
        id: "aa17c7ac-27b6-4709-b091-a46cad289352",
        uri: "kylo:kylo:cckm:sap-group:aa17c7ac-27b6-4709-b091-a46cad289352",
        account: "kylo:kylo:admin:accounts:kylo",
        createdAt: "2021-11-24T03:34:35.436011154Z",
        updatedAt: "0001-", // cut here
      },
    ],
  },
  exact: ["account", "groups[0].account"],
  patterns: { uri: uri("sap-group", "no slug"), "groups[0].uri": uri("sap-group", "no slug") },
  truncated: ["groups[0].updatedAt"],
};

// D-GETGROUPS-214: https://thalesdocs.com/ctp/cm/2.14/reference/cckmapi/sap-apis/sap-groups-apis/sap-fetch-list/index.html
const getGroupsAnswer: DocumentedExample = {
  ...base,
  source: "D-GETGROUPS-214",
  url: "https://thalesdocs.com/ctp/cm/2.14/reference/cckmapi/sap-apis/sap-groups-apis/sap-fetch-list/index.html",
  route: "POST /api/v1/cckm/sap/get-groups",
  cut: "at the start of value[1]; value[0] is complete",
  notes: ["SAP's own page, passed through: every field but id and name is SAP's to give or not (fromSap)"],
  body: {
    value: [
      {
        application: "S4H",
        id: "489ac34d-3e9c-4be3-8c1c-2c383bf31461",
        keystoreId: "1e40864c-1b58-44b1-8654-a3a893705fb3",
        meta: {
          created: "2021-09-17T04:44:16",
          creatorId: "69f41156-5197-490d-aa5f-f1ffb0ab4e66",
          creatorName: "creator.name@xyz.com",
          totalKeys: 83,
          totalUsers: 1,
        },
        name: "Gooey_1",
        description: "group for gooey team",
        keystore: {},
      },
      // cut here, at the start of the second group
    ],
  },
  fromSap: [
    "value[0].application",
    "value[0].keystoreId",
    "value[0].meta",
    "value[0].meta.created",
    "value[0].meta.creatorId",
    "value[0].meta.creatorName",
    "value[0].meta.totalKeys",
    "value[0].meta.totalUsers",
    "value[0].description",
    "value[0].keystore",
  ],
};

// D-SYNC-POST-staging: https://thalesdocs-staging.com/ctp/cm/uk-azr-del-bak/reference/cckmapi/sap-apis/sap-keys-apis/sap-synchronize-keys/index.html
const sapSyncJobCreate: DocumentedExample = {
  ...base,
  source: "D-SYNC-POST-staging",
  url: "https://thalesdocs-staging.com/ctp/cm/uk-azr-del-bak/reference/cckmapi/sap-apis/sap-keys-apis/sap-synchronize-keys/index.html",
  route: "POST /api/v1/cckm/sap/synchronization-jobs",
  cut: 'inside overall_status, after "i"',
  notes: ["the example request is a bodyless POST"],
  body: {
    id: "bf27cde1-e2ed-4244-9d5a-8a4e12ad1837",
    uri: "kylo:kylo:cckm:synchronize:bf27cde1-e2ed-4244-9d5a-8a4e12ad1837",
    account: "kylo:kylo:admin:accounts:kylo",
    application: "ncryptify:gemalto:admin:apps:kylo",
    devAccount: "ncryptify:gemalto:admin:accounts:gemalto",
    createdAt: "2020-08-06T09:49:34.605578452Z",
    updatedAt: "2020-08-06T09:49:34.609059131Z",
    overall_status: "i", // cut here
  },
  exact: ["account", "application", "devAccount"],
  patterns: { uri: uri("synchronize", "no slug") },
  truncated: ["overall_status"],
};

// D-SYNC-LIST-214: https://thalesdocs.com/ctp/cm/2.14/reference/cckmapi/sap-apis/sap-keys-apis/sap-fetch-synchronization-status/index.html
// (D-SYNC-LIST-213 shows the same values, cut earlier, inside resources[0].id).
const sapSyncJobList: DocumentedExample = {
  ...base,
  source: "D-SYNC-LIST-214",
  url: "https://thalesdocs.com/ctp/cm/2.14/reference/cckmapi/sap-apis/sap-keys-apis/sap-fetch-synchronization-status/index.html",
  route: "GET /api/v1/cckm/sap/synchronization-jobs",
  cut: 'inside resources[0].uri, after "kylo:kylo:cckm:s"',
  notes: ["the list page as printed; its item is compared through resources[0]", "request: ?skip=0&limit=10"],
  body: {
    skip: 0,
    limit: 10,
    total: 1,
    resources: [
      {
        id: "bf27cde1-e2ed-4244-9d5a-8a4e12ad1837",
        uri: "kylo:kylo:cckm:s", // cut here
      },
    ],
  },
  truncated: ["resources[0].uri"],
};

// seed 003: ../shared/seeds/003_54fd6d71b8d6009e.txt ("SAP Keys APIs: Creating New Jobs"). Complete.
const sapKeyJob: DocumentedExample = {
  ...base,
  source: "seed 003",
  url: "../shared/seeds/003_54fd6d71b8d6009e.txt",
  route: "POST /api/v1/cckm/sap/keys/jobs",
  cut: null,
  notes: [
    "the example request posts to /keys/keys (read /keys/jobs)",
    "no page documents GET /cckm/sap/keys/jobs/{id}; ours answers the same resource",
  ],
  body: {
    id: "5db60499-9f4f-4143-b963-370459d3cef1",
    uri: "kylo:kylo:cckm:sap_job:5db60499-9f4f-4143-b963-370459d3cef1",
    account: "kylo:kylo:admin:accounts:kylo",
    createdAt: "2021-11-24T09:54:45.962862797Z",
    updatedAt: "2021-11-24T09:54:45.963309486Z",
    cckm_key_id: "b707ea86-37bb-4212-ad09-2635698dbe4a",
    group_id: "489ac34d-3e9c-4be3-8c1c-2c383bf31461",
    job_id: "b6b65380-4c0d-4b39-853a-e54676fe6706",
    key_id: "89ac400d-254f-4a19-a1fa-8952a2dca56f",
    operation: "delete",
    creator_id: "69f41156-5197-490d-aa5f-f1ffb0ab4e66",
    creator_name: "creator.name@xyz.com",
    state: "PENDING",
  },
  exact: ["account"],
  // creator_id is a bare UUID in the docs (not the JWT subject's local|<uuid>).
  patterns: { uri: uri("sap_job", "no slug"), creator_id: uuid },
};

export const sapKey = { get: sapKeyGet, create: sapKeyCreate } as const;
export const sapKeyVersion = { add: sapKeyVersionAdd, get: sapKeyVersionGet } as const;
/** `list` is the list page as printed (the envelope and its first item). */
export const sapSyncJob = { create: sapSyncJobCreate, list: sapSyncJobList } as const;
export { addGroupsAnswer, getGroupsAnswer, sapGroup, sapKeyAfterDeleteBackup, sapKeyAfterDeleteOnSap, sapKeyJob };

/** Every example above, by a name of its own. */
export const documentedExamples: Readonly<Record<string, DocumentedExample>> = {
  "sapKey.get": sapKeyGet,
  "sapKey.create": sapKeyCreate,
  sapKeyAfterDeleteOnSap,
  sapKeyAfterDeleteBackup,
  "sapKeyVersion.add": sapKeyVersionAdd,
  "sapKeyVersion.get": sapKeyVersionGet,
  sapGroup,
  addGroupsAnswer,
  getGroupsAnswer,
  "sapSyncJob.create": sapSyncJobCreate,
  "sapSyncJob.list": sapSyncJobList,
  sapKeyJob,
};

/** The documented fields we deliberately do not follow, with the example each is in. */
export const deliberateDeviations: ReadonlyArray<Deviation & { example: string; source: string }> = Object.entries(
  documentedExamples,
).flatMap(([example, doc]) => doc.deviations.map((d) => ({ ...d, example, source: doc.source })));

/**
 * Answers of routes we serve for which no stored page shows an example response: nothing to
 * compare them with.
 */
export const undocumentedAnswers: readonly string[] = [
  "POST /api/v1/auth/tokens (the tokens pages document semantics only, D-TOKENS-213)",
  "GET /api/v1/cckm/sap/keys and GET /api/v1/cckm/sap/groups (the examples are cut before the first item, or empty)",
  'GET /api/v1/cckm/sap/keys/{id}/versions (D-VER-LIST: cut after "skip":)',
  "GET /api/v1/cckm/sap/keys/jobs, GET /api/v1/cckm/sap/keys/jobs/{id} (no page)",
  "GET /api/v1/cckm/sap/synchronization-jobs/{id}, POST …/{id}/cancel (no SAP page)",
  'DELETE /api/v1/cckm/sap/keys/{id} (D-KEY-DELETE-214 prints {"status": 204}; the route answers 204 with no body)',
  "/api/v1/connectionmgmt/services/sap-dc/… (no API-reference page) and /api/v1/usermgmt/users (not looked for)",
];
