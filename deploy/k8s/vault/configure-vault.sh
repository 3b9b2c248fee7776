#!/usr/bin/env bash
# Configures Vault for OpenActions. Idempotent: safe to run again (it never rotates or replaces the key).
#
#   - Transit secrets engine at transit/ with key openactions-secrets
#     (type aes256-gcm96, derived=true: every value is encrypted under a context bound to
#     tenant/owner/name, so a ciphertext copied to another row does not decrypt);
#   - policy openactions-secrets-service (secrets-service-policy.hcl): encrypt/decrypt/rewrap on
#     that key, read its metadata, nothing else;
#   - Kubernetes auth at kubernetes/ with role secrets-service, bound to ServiceAccount
#     secrets-service in namespace openactions, tokens with audience "vault";
#   - a file audit device (the chart's audit volume).
#
# Run it where the vault CLI reaches Vault with a token allowed to manage mounts, auth methods and
# policies (the initial root token, or an admin token), for example:
#   kubectl -n vault port-forward svc/vault 8200:8200 &
#   export VAULT_ADDR=https://127.0.0.1:8200 VAULT_CACERT=vault.ca VAULT_TOKEN=...
#   deploy/k8s/vault/configure-vault.sh
# Vault runs inside the cluster, so its Kubernetes auth method uses its own pod's ServiceAccount token
# and CA to review tokens (the chart's authDelegator binding allows it).
set -euo pipefail

namespace="${OPENACTIONS_NAMESPACE:-openactions}"
key="${OPENACTIONS_TRANSIT_KEY:-openactions-secrets}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

command -v vault >/dev/null || { echo "configure-vault: the vault CLI is required" >&2; exit 1; }
vault token lookup >/dev/null || { echo "configure-vault: set VAULT_ADDR and VAULT_TOKEN" >&2; exit 1; }

if ! vault secrets list -format=json | grep -q '"transit/"'; then
  vault secrets enable transit
fi
if ! vault read "transit/keys/${key}" >/dev/null 2>&1; then
  vault write -f "transit/keys/${key}" type=aes256-gcm96 derived=true exportable=false allow_plaintext_backup=false
fi
# Keys can never be deleted by accident (this is Vault's default; stated for the record).
vault write "transit/keys/${key}/config" deletion_allowed=false >/dev/null

sed "s|openactions-secrets|${key}|g" "${here}/secrets-service-policy.hcl" | vault policy write openactions-secrets-service -

if ! vault auth list -format=json | grep -q '"kubernetes/"'; then
  vault auth enable kubernetes
fi
vault write auth/kubernetes/config kubernetes_host="https://kubernetes.default.svc:443"
vault write auth/kubernetes/role/secrets-service \
  bound_service_account_names=secrets-service \
  bound_service_account_namespaces="${namespace}" \
  audience=vault \
  token_policies=openactions-secrets-service \
  token_ttl=1h \
  token_max_ttl=4h

if ! vault audit list -format=json 2>/dev/null | grep -q '"file/"'; then
  vault audit enable file file_path=/vault/audit/vault-audit.log
fi

echo "configure-vault: transit key ${key}, policy openactions-secrets-service and role secrets-service (namespace ${namespace}) are in place"
