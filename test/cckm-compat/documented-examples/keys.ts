import type { DocumentedExample } from "../../support/example-compare.ts";
import { base, uri } from "./common.ts";

// The SAP key and key version routes' examples.

/**
 * Key uris. The get and create examples carry a name slug; the delete and delete-backup examples
 * show the same kind with the id alone. We always put the slug, so those two accept both forms.
 */
const keyUri = uri("sap-key", "slug");
const keyUriEitherForm = uri("sap-key", "optional slug");

// D-KEY-GET: https://d23res6d8zycp3.cloudfront.net/ctp/cm/pfm-redirect/reference/cckmapi/sap-apis/sap-keys-apis/sap-fetch-key-details/index.html
export const sapKeyGet: DocumentedExample = {
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
export const sapKeyCreate: DocumentedExample = {
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
export const sapKeyAfterDeleteOnSap: DocumentedExample = {
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
export const sapKeyAfterDeleteBackup: DocumentedExample = {
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
export const sapKeyVersionAdd: DocumentedExample = {
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
export const sapKeyVersionGet: DocumentedExample = {
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
