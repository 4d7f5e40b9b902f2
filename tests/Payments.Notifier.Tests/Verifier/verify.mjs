// Verifies captured webhook deliveries with the Standard Webhooks reference library (npm 'standardwebhooks'),
// independently of the .NET code that signed them. Input: a JSON file of
//   [{ "secret": "whsec_…", "id": "msg_…", "timestamp": "…", "signature": "v1,… v1,…", "body": "…" }]
// Output on stdout: one JSON array of { "id", "ok", "error" } in the same order; exit code 0 either way.
import { readFileSync } from "node:fs";
import { Webhook } from "standardwebhooks";

const cases = JSON.parse(readFileSync(process.argv[2], "utf8"));
const results = cases.map(({ secret, id, timestamp, signature, body }) => {
  try {
    new Webhook(secret).verify(body, {
      "webhook-id": id,
      "webhook-timestamp": timestamp,
      "webhook-signature": signature,
    });
    return { id, ok: true, error: null };
  } catch (error) {
    return { id, ok: false, error: String(error && error.message ? error.message : error) };
  }
});
process.stdout.write(JSON.stringify(results));
