-- Health of a Service Mesh 2.x ServiceMeshControlPlane (maistra.io), for Argo CD.
-- Healthy once the operator has reconciled the latest spec and every component is available (condition
-- Ready True); Degraded on the operator's error reasons; Progressing while it installs or updates.
local hs = {}
local failures = { InstallError = true, ReconcileError = true, ValidationError = true,
  DependencyMissingError = true, UpdateError = true, ProbeError = true, DeletionError = true }
if obj.metadata ~= nil and obj.metadata.deletionTimestamp ~= nil then
  hs.status = "Progressing"
  hs.message = "The control plane is being deleted"
  return hs
end
if obj.status == nil or obj.status.conditions == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the Service Mesh operator to reconcile the control plane"
  return hs
end
if obj.metadata.generation ~= nil and obj.status.observedGeneration ~= nil
    and obj.status.observedGeneration < obj.metadata.generation then
  hs.status = "Progressing"
  hs.message = "Waiting for the Service Mesh operator to reconcile the latest spec"
  return hs
end
local reconciled = nil
local ready = nil
for _, condition in ipairs(obj.status.conditions) do
  if condition.type == "Reconciled" then
    reconciled = condition
  elseif condition.type == "Ready" then
    ready = condition
  end
end
for _, condition in ipairs({ reconciled or {}, ready or {} }) do
  if condition.status == "False" and failures[condition.reason] then
    hs.status = "Degraded"
    hs.message = condition.reason .. ": " .. (condition.message or "")
    return hs
  end
end
if ready ~= nil and ready.status == "True" and (reconciled == nil or reconciled.status == "True") then
  hs.status = "Healthy"
  hs.message = ready.message or "All components are ready"
  return hs
end
hs.status = "Progressing"
local current = ready or reconciled
if current ~= nil and current.message ~= nil then
  hs.message = current.message
else
  hs.message = "Waiting for the control plane's components"
end
return hs
