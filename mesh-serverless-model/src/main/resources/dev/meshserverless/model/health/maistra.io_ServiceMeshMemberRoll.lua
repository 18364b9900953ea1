-- Health of a Service Mesh 2.x ServiceMeshMemberRoll (maistra.io), for Argo CD.
-- Healthy when every member namespace that exists is configured. A member whose namespace does not exist yet
-- is not a failure: the roll lists the tenants' namespaces, which their onboarding creates after the platform
-- is healthy, so waiting for them would never end. Degraded when a member belongs to another control plane,
-- or on the roll's own errors; Progressing otherwise.
local hs = {}
if obj.metadata ~= nil and obj.metadata.deletionTimestamp ~= nil then
  hs.status = "Progressing"
  hs.message = "The member roll is being deleted"
  return hs
end
if obj.status == nil or obj.status.conditions == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the Service Mesh operator to configure the members"
  return hs
end
if obj.metadata.generation ~= nil and obj.status.observedGeneration ~= nil
    and obj.status.observedGeneration < obj.metadata.generation then
  hs.status = "Progressing"
  hs.message = "Waiting for the Service Mesh operator to see the latest members"
  return hs
end
local ready = nil
for _, condition in ipairs(obj.status.conditions) do
  if condition.type == "Ready" then
    ready = condition
  end
end
if ready == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the Service Mesh operator to configure the members"
  return hs
end
if ready.status == "True" then
  hs.status = "Healthy"
  hs.message = ready.message or "All namespaces have been configured"
  return hs
end
if ready.reason == "ErrSMCPMissing" or ready.reason == "SMCPReconciling" then
  hs.status = "Progressing"
  hs.message = ready.message or "Waiting for the control plane"
  return hs
end
if ready.reason ~= "ReconcileError" then
  hs.status = "Degraded"
  hs.message = (ready.reason or "NotReady") .. ": " .. (ready.message or "")
  return hs
end
-- ReconcileError: why is each pending member pending?
local reasons = {}
if obj.status.memberStatuses ~= nil then
  for _, member in ipairs(obj.status.memberStatuses) do
    local reason = nil
    if member.conditions ~= nil then
      for _, condition in ipairs(member.conditions) do
        if condition.status == "False" and condition.reason ~= nil then
          reason = condition.reason
        end
      end
    end
    reasons[member.namespace] = reason
  end
end
local absent = {}
local pending = obj.status.pendingMembers or {}
for _, namespace in ipairs(pending) do
  local reason = reasons[namespace]
  if reason == "ReferencesDifferentControlPlane" then
    hs.status = "Degraded"
    hs.message = "Namespace " .. namespace .. " is a member of another control plane"
    return hs
  elseif reason == "NamespaceNotExists" then
    table.insert(absent, namespace)
  else
    hs.status = "Progressing"
    hs.message = ready.message or ("Configuring namespace " .. namespace)
    return hs
  end
end
if #pending == 0 then
  hs.status = "Degraded"
  hs.message = "ReconcileError: " .. (ready.message or "")
  return hs
end
hs.status = "Healthy"
hs.message = "Every existing member is configured; waiting for namespaces to be created: " .. table.concat(absent, ", ")
return hs
