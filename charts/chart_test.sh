#!/usr/bin/env bash
# The Helm chart: `helm lint`, then `helm template` with the defaults and with every optional
# part on; every rendered object of a kind Lintel reads decodes with Lintel's own strict
# decoder (lintel validate); and the security promises of the chart hold in what it renders.
set -euo pipefail
HELM=$1
LINTEL_BIN=$(realpath "$2")
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/scripts/lib/processes.sh"
source "$ROOT/test/e2e/assert.sh"
work=$LINTEL_WORKDIR
chart="$ROOT/charts/lintel"

check "helm lint passes" "$("$HELM" lint "$chart" >"$work/lint.txt" 2>&1; echo $?)" 0
render() {  # render NAME ARGS...: helm template into $work/NAME.yaml
  local name=$1; shift
  "$HELM" template rel "$chart" --namespace lintel-system "$@" >"$work/$name.yaml" 2>"$work/$name.err"
}
render defaults
render with-crds --include-crds
render everything --set autoscaling.enabled=true --set ingressClass.default=true \
  --set watchNamespace=apps --set service.type=ClusterIP
render split --set mode=split --set autoscaling.enabled=true
defaults=$(cat "$work/defaults.yaml")
split=$(cat "$work/split.yaml")

for name in defaults everything split; do
  status=0
  "$LINTEL_BIN" validate -f "$work/$name.yaml" >"$work/$name.validate" 2>&1 || status=$?
  check "$name: what Lintel reads decodes without error" "$status" 0
done
check_contains "the GatewayClass, IngressClass and Service are read" "$work/defaults.validate" \
  "3 object(s) valid"
check "every standard CRD is installed" "$(grep -c '^kind: CustomResourceDefinition' "$work/with-crds.yaml")" 10
check_contains_text "runs without a cluster admin's rights: non-root" "runAsNonRoot: true" "$defaults"
check_contains_text "a read-only root filesystem" "readOnlyRootFilesystem: true" "$defaults"
check_contains_text "no capabilities" "drop: [ALL]" "$defaults"
check_contains_text "no privileged port: a listener on 80 binds 8080" "containerPort: 8080" "$defaults"
check "no wildcard in any RBAC rule" "$(grep -cE "(resources|verbs|apiGroups): \[?['\"]?\*" "$work/defaults.yaml" || true)" 0
check "write verbs only on status and on Leases" \
  "$(grep -B3 -E 'verbs: \[get, (update|create, update)\]' "$work/defaults.yaml" | grep -oE 'resources: \[[^]]*' | grep -vE '/status|leases' | wc -l)" 0
check_contains_text "leader election is on" "--leader-elect=true" "$defaults"
check_contains_text "the kubelet probes the admin port" "path: /readyz" "$defaults"
check_contains_text "an HPA when asked" "kind: HorizontalPodAutoscaler" "$(cat "$work/everything.yaml")"
check_contains_text "the default IngressClass when asked" \
  'ingressclass.kubernetes.io/is-default-class: "true"' "$(cat "$work/everything.yaml")"
check_contains_text "one namespace when asked" "--watch-namespace=apps" "$(cat "$work/everything.yaml")"

# Split mode: controllers watch and stream; proxies serve with no API access.
check "split: a controller and a proxy Deployment" \
  "$(grep -A2 '^kind: Deployment' "$work/split.yaml" | grep -oE 'name: rel-(controller|proxy)$' | sort | tr '\n' ' ')" \
  "name: rel-controller name: rel-proxy "
check_contains_text "split: the proxies dial the controller Service" \
  "--controller=rel-controller.lintel-system.svc:18000" "$split"
check_contains_text "split: the controllers insist on client certificates" \
  "--snapshot-client-ca=/etc/lintel/snapshot-tls/ca.crt" "$split"
check_contains_text "split: no API token in a proxy pod" "automountServiceAccountToken: false" "$split"
check "split: no role is bound to the proxies' ServiceAccount" \
  "$(grep -A3 'subjects:' "$work/split.yaml" | grep -c 'name: rel-proxy' || true)" 0
check "split: the LoadBalancer Service selects the proxies" \
  "$(awk '/^kind: Service$/,/^---/' "$work/split.yaml" | grep -A3 'selector:' | grep -c 'component: proxy')" 1
check "split: the HPA scales the proxies" \
  "$(awk '/^kind: HorizontalPodAutoscaler/,/^---/' "$work/split.yaml" | grep -c 'name: rel-proxy')" 1

# The certificates the chart makes work with Lintel itself: a controller and a proxy run here
# with them, the proxy verifying the controller by its Service's DNS name.
secret_value() {  # secret_value KEY: the Secret's KEY, decoded, from the split rendering
  awk '/^kind: Secret$/,/^---/' "$work/split.yaml" | sed -n "s/^  $1: //p" | base64 -d
}
pki="$work/pki"
mkdir -p "$pki"
for key in ca.crt controller.crt controller.key proxy.crt proxy.key; do
  secret_value "$key" >"$pki/$key"
done
check "split: the controller's certificate is the CA's" \
  "$(openssl verify -CAfile "$pki/ca.crt" "$pki/controller.crt" 2>&1)" "$pki/controller.crt: OK"
check_contains_text "split: it names the controller Service" \
  "DNS:rel-controller.lintel-system.svc" "$(openssl x509 -in "$pki/controller.crt" -noout -text)"
mkdir -p "$work/manifests"
printf 'apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata: {name: lintel}\nspec: {controllerName: lintel.io/gateway-controller}\n' \
  >"$work/manifests/class.yaml"
snapshot_port=$(free_port)
proxy_admin=$(free_port)
"$LINTEL_BIN" controller --manifests "$work/manifests" --admin-port 0 \
  --snapshot-listen "127.0.0.1:$snapshot_port" --snapshot-tls-cert "$pki/controller.crt" \
  --snapshot-tls-key "$pki/controller.key" --snapshot-client-ca "$pki/ca.crt" 2>"$work/controller.log" &
LINTEL_PIDS+=($!)
"$LINTEL_BIN" proxy --controller "127.0.0.1:$snapshot_port" --admin-port "$proxy_admin" \
  --workers 1 --controller-server-name rel-controller.lintel-system.svc \
  --controller-ca "$pki/ca.crt" --controller-client-cert "$pki/proxy.crt" \
  --controller-client-key "$pki/proxy.key" 2>"$work/proxy.log" &
LINTEL_PIDS+=($!)
readyz() { curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$proxy_admin/readyz"; }
within 10 "split: a proxy with the chart's certificates gets the controller's snapshot" 200 readyz
[[ $FAILED -gt 0 ]] && tail -n 5 "$work/controller.log" "$work/proxy.log"
finish
