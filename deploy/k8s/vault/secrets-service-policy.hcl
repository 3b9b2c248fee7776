# Vault policy "openactions-secrets-service", bound to the Kubernetes auth role "secrets-service".
# secrets-service may encrypt, decrypt and rewrap with the Transit key openactions-secrets and read
# that key's metadata (versions, minimum decryption version). It cannot create, rotate, configure,
# export, back up or delete keys, nor use any other key: rotation is an operator's act
# (deploy/README.md). configure-vault.sh substitutes the key name if you use another one.
path "transit/encrypt/openactions-secrets" {
  capabilities = ["update"]
}

path "transit/decrypt/openactions-secrets" {
  capabilities = ["update"]
}

path "transit/rewrap/openactions-secrets" {
  capabilities = ["update"]
}

path "transit/keys/openactions-secrets" {
  capabilities = ["read"]
}
