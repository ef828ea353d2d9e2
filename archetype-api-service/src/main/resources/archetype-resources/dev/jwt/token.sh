#!/bin/sh
# Prints a JWT for DEVELOPMENT, signed with the throw-away key of this directory (accepted in the dev and
# test profiles only; production has no default key).
#   dev/jwt/token.sh [user] [comma-separated roles] [lifetime in seconds]
#   dev/jwt/token.sh alice user,admin 3600
set -eu
dir=$(cd "$(dirname "$0")" && pwd)
user=${1:-alice}
roles=${2:-user}
lifetime=${3:-3600}
issuer=https://dev.msframework.local
# the audience the API verifies: JWT_AUDIENCE, else the default of mp.jwt.verify.audiences
audience=${JWT_AUDIENCE:-$(sed -n 's/^mp\.jwt\.verify\.audiences=\${JWT_AUDIENCE:\(.*\)}$/\1/p' "$dir/../../src/main/resources/application.properties")}
now=$(date +%s)

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
groups=$(printf '%s' "$roles" | sed 's/[^,][^,]*/"&"/g')
header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
claims=$(printf '{"iss":"%s","aud":"%s","upn":"%s","sub":"%s","groups":[%s],"iat":%s,"exp":%s,"jti":"%s-%s"}' \
    "$issuer" "$audience" "$user" "$user" "$groups" "$now" $((now + lifetime)) "$user" "$now" | b64url)
signature=$(printf '%s.%s' "$header" "$claims" | openssl dgst -sha256 -sign "$dir/privateKey.pem" -binary | b64url)
printf '%s.%s.%s\n' "$header" "$claims" "$signature"
