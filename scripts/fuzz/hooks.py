"""schemathesis hooks of scripts/fuzz-api (loaded through SCHEMATHESIS_HOOKS).

The signing application uploads its signature as DER bytes under the media type
`application/cms` (`submit_e_imza_signature`); schemathesis serialises binary bodies only for
`application/octet-stream` out of the box, so the same serialiser sends `application/cms`.
"""

import schemathesis

schemathesis.serializer.alias("application/cms", "application/octet-stream")
