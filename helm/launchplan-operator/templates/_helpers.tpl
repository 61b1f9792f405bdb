{{/* Chart name, at most 63 characters. */}}
{{- define "launchplan.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Fully qualified app name: the release name, plus the chart name unless it already contains it. */}}
{{- define "launchplan.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/*
Name of cluster-scoped objects: unique per release and namespace, so two releases never collide
(RBAC object names may be up to 253 characters; not cut to 63, which could make two equal).
*/}}
{{- define "launchplan.clusterName" -}}
{{- printf "%s-%s" .Release.Namespace (include "launchplan.fullname" .) -}}
{{- end -}}

{{- define "launchplan.selectorLabels" -}}
app.kubernetes.io/name: {{ include "launchplan.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "launchplan.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "launchplan.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: launchplan
{{- end -}}

{{- define "launchplan.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "launchplan.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "launchplan.image" -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}
{{- end -}}

{{- define "launchplan.receiverSecretName" -}}
{{- default (printf "%s-receiver" (include "launchplan.fullname" .)) .Values.receiver.tokenSecret.name -}}
{{- end -}}

{{/* Whether the operator reads the receiver's token from a Secret. */}}
{{- define "launchplan.receiverUsesSecret" -}}
{{- if and .Values.receiver.enabled (eq .Values.receiver.auth "secret") -}}true{{- end -}}
{{- end -}}

{{/*
The rules the operator needs in every namespace whose LaunchPlans it drives, derived from
operator/src/main/java/io/launchplan/cluster/ and checked by RbacIT (every verb granted here is
used by a real launch, a revert and a plan deletion).
*/}}
{{- define "launchplan.namespacedRules" -}}
# LaunchPlans: the controller's watch; JSON/SSA patches add and remove the finalizer; get only
# when JOSDK re-reads a plan after a conflicting finalizer patch.
- apiGroups: [launchplan.io]
  resources: [launchplans]
  verbs: [get, list, watch, patch]
# LaunchApprovals are only read, from a watch cache (never a get, never a write: the approver
# creates them, the chart's admission policy checks who; docs/approvals.md).
- apiGroups: [launchplan.io]
  resources: [launchapprovals]
  verbs: [list, watch]
# Status is written with server-side apply.
- apiGroups: [launchplan.io]
  resources: [launchplans/status]
  verbs: [patch]
# Owner references with blockOwnerDeletion on the canary and the kept template need this where
# the OwnerReferencesPermissionEnforcement admission plugin runs (e.g. OpenShift).
- apiGroups: [launchplan.io]
  resources: [launchplans/finalizers]
  verbs: [update]
# The target: watched, read, server-side-applied (spec.template), restored (JSON patch).
# The canary <target>-canary: created by server-side apply (a PATCH that the API server
# authorizes as create when the object is new) and deleted on revert.
- apiGroups: [apps]
  resources: [deployments]
  verbs: [get, list, watch, create, patch, delete]
# The target's pod template from before the launch, kept for a revert.
- apiGroups: [apps]
  resources: [controllerrevisions]
  verbs: [get, create]
# Canary and stable pod names for the query variables (from a watch cache); the canary's pods are
# deleted at once on a revert (by label selector), not left to garbage collection.
- apiGroups: [""]
  resources: [pods]
  verbs: [list, watch, deletecollection]
# An Event on the LaunchPlan for every transition.
- apiGroups: [""]
  resources: [events]
  verbs: [create]
# Job checks (docs/checks.md): the check Jobs are watched (label launchplan.io/check; a Job that
# finishes wakes its plan), created (also as a server-side dry run before the launch starts) and,
# for older revisions, listed by label and deleted.
- apiGroups: [batch]
  resources: [jobs]
  verbs: [list, watch, create, delete]
# hooks.suspendCronJobs: the matching CronJobs are listed and suspended/restored by merge patch
# (fabric8 reads a CronJob with GET before patching it).
- apiGroups: [batch]
  resources: [cronjobs]
  verbs: [get, list, patch]
{{- end -}}

{{/* Cluster-scoped reads the operator cannot do without: the freeze annotation on Namespaces (a watch cache). */}}
{{- define "launchplan.namespaceRules" -}}
- apiGroups: [""]
  resources: [namespaces]
  verbs: [list, watch]
# LaunchPolicies are cluster-scoped: read through an informer (list and watch, never a get);
# platform admins write them (docs/policy.md).
- apiGroups: [launchplan.io]
  resources: [launchpolicies]
  verbs: [list, watch]
# Each LaunchPolicy's status (Ready, whether its windows are open), by server-side apply; never its spec.
- apiGroups: [launchplan.io]
  resources: [launchpolicies/status]
  verbs: [patch]
{{- end -}}

{{/* The settings file's content (keys: docs/configuration.md). */}}
{{- define "launchplan.settingsFile" -}}
LAUNCHPLAN_PROMETHEUS_URL: {{ .Values.prometheusUrl | quote }}
LAUNCHPLAN_PROMETHEUS_ALLOWED_HOSTS: {{ join "," .Values.prometheusAllowedHosts | quote }}
{{- with .Values.prometheusConnection }}
LAUNCHPLAN_PROMETHEUS_CONNECTION: {{ toJson . | quote }}
LAUNCHPLAN_PROMETHEUS_CONNECTION_NAMESPACE: {{ $.Release.Namespace | quote }}
{{- end }}
LAUNCHPLAN_NAMESPACES: {{ join "," .Values.watchNamespaces | quote }}
LAUNCHPLAN_LABEL_SELECTOR: {{ .Values.labelSelector | quote }}
LAUNCHPLAN_METRICS_PORT: {{ .Values.metrics.port | quote }}
LAUNCHPLAN_QUERY_TIMEOUT: {{ .Values.queryTimeout | quote }}
LAUNCHPLAN_RECONCILE_CONCURRENCY: {{ .Values.reconcileConcurrency | quote }}
LAUNCHPLAN_RECEIVER_PORT: {{ ternary .Values.receiver.port 0 .Values.receiver.enabled | quote }}
{{- if .Values.receiver.enabled }}
{{- if eq .Values.receiver.auth "secret" }}
LAUNCHPLAN_RECEIVER_TOKEN_SECRET: {{ printf "%s/%s/%s" .Release.Namespace (include "launchplan.receiverSecretName" .) .Values.receiver.tokenSecret.key | quote }}
{{- else }}
LAUNCHPLAN_RECEIVER_INSECURE: "true"
{{- end }}
LAUNCHPLAN_RECEIVER_ALERT_TTL: {{ .Values.receiver.alertTtl | quote }}
{{- end }}
LAUNCHPLAN_LEADER_ELECTION: {{ .Values.leaderElection.enabled | quote }}
{{- if .Values.leaderElection.enabled }}
LAUNCHPLAN_LEASE_NAME: {{ .Values.leaderElection.leaseName | quote }}
LAUNCHPLAN_LEASE_DURATION: {{ .Values.leaderElection.leaseDuration | quote }}
{{- end }}
{{- if .Values.freeze.configMap }}
LAUNCHPLAN_CONFIG_MAP: {{ printf "%s/%s" .Release.Namespace (include "launchplan.configMapName" .) | quote }}
{{- end }}
{{- with .Values.freeze.alerts }}
LAUNCHPLAN_FREEZE_ALERTS: {{ . | quote }}
{{- end }}
LAUNCHPLAN_LOG_FORMAT: {{ .Values.log.format | quote }}
LAUNCHPLAN_LOG_LEVEL: {{ .Values.log.level | quote }}
{{- end -}}

{{/* The operator's config ConfigMap (LAUNCHPLAN_CONFIG_MAP): a launchplan.io/freeze annotation on it freezes every launch. */}}
{{- define "launchplan.configMapName" -}}
{{- printf "%s-config" (include "launchplan.fullname" .) -}}
{{- end -}}
