import type { DocumentedExample } from "../../support/example-compare.ts";
import { base, uri, uuid } from "./common.ts";

// The synchronization job and key job routes' examples.

export const sapSyncJobCreate: DocumentedExample = {
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
export const sapSyncJobList: DocumentedExample = {
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
export const sapKeyJob: DocumentedExample = {
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
