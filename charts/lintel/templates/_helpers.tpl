{{- define "lintel.name" -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "lintel.labels" -}}
app.kubernetes.io/name: lintel
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "lintel.selector" -}}
app.kubernetes.io/name: lintel
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}


{{/* The pods that serve traffic: `lintel run` replicas, or in split mode `lintel proxy`. */}}
{{- define "lintel.proxyComponent" -}}
app.kubernetes.io/component: {{ ternary "proxy" "gateway" (eq .Values.mode "split") }}
{{- end -}}

{{- define "lintel.proxySelector" -}}
{{ include "lintel.selector" . }}
{{ include "lintel.proxyComponent" . }}
{{- end -}}

{{- define "lintel.controllerSelector" -}}
{{ include "lintel.selector" . }}
app.kubernetes.io/component: controller
{{- end -}}

{{- define "lintel.controllerService" -}}
{{ include "lintel.name" . }}-controller
{{- end -}}

{{- define "lintel.snapshotTlsSecret" -}}
{{ .Values.snapshotTls.existingSecret | default (printf "%s-snapshot-tls" (include "lintel.name" .)) }}
{{- end -}}

{{/* The container security settings every Lintel container runs with. */}}
{{- define "lintel.containerSecurity" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop: [ALL]
{{- end -}}

{{- define "lintel.podSecurity" -}}
runAsNonRoot: true
runAsUser: 65532
runAsGroup: 65532
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "lintel.probes" -}}
readinessProbe:
  httpGet:
    path: /readyz
    port: admin
  periodSeconds: 5
livenessProbe:
  httpGet:
    path: /healthz
    port: admin
  periodSeconds: 10
  failureThreshold: 3
{{- end -}}

{{- define "lintel.podName" -}}
- name: POD_NAME
  valueFrom:
    fieldRef:
      fieldPath: metadata.name
{{- end -}}
