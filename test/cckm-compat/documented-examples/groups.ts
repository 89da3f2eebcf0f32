import type { DocumentedExample } from "../../support/example-compare.ts";
import { base, uri } from "./common.ts";

// The SAP group routes' examples.

export const sapGroup: DocumentedExample = {
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
export const addGroupsAnswer: DocumentedExample = {
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
export const getGroupsAnswer: DocumentedExample = {
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
