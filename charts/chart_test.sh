#!/usr/bin/env bash
# The Helm chart: `helm lint`, then `helm template` with the defaults and with every optional
# part on; every rendered object of a kind Lintel reads decodes with Lintel's own strict
# decoder (lintel validate); and the security promises of the chart hold in what it renders.
set -euo pipefail
HELM=$1
LINTEL_BIN=$(realpath "$2")
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/test/e2e/assert.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
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
defaults=$(cat "$work/defaults.yaml")

for name in defaults everything; do
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
finish
