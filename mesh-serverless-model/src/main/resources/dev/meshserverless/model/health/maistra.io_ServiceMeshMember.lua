-- Health of a Service Mesh 2.x ServiceMeshMember (maistra.io), for Argo CD.
-- Healthy once its namespace is configured as a member (condition Ready True); Degraded when it names a
-- control plane other than the one the namespace already belongs to; Progressing otherwise.
local hs = {}
if obj.metadata ~= nil and obj.metadata.deletionTimestamp ~= nil then
  hs.status = "Progressing"
  hs.message = "The member is being deleted"
  return hs
end
if obj.status == nil or obj.status.conditions == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the Service Mesh operator to add the namespace to the mesh"
  return hs
end
if obj.metadata.generation ~= nil and obj.status.observedGeneration ~= nil
    and obj.status.observedGeneration < obj.metadata.generation then
  hs.status = "Progressing"
  hs.message = "Waiting for the Service Mesh operator to see the latest spec"
  return hs
end
local ready = nil
local problem = nil
for _, condition in ipairs(obj.status.conditions) do
  if condition.type == "Ready" then
    ready = condition
  end
  if condition.status == "False" and condition.reason == "ReferencesDifferentControlPlane" then
    problem = condition
  end
end
if problem ~= nil then
  hs.status = "Degraded"
  hs.message = problem.message or "The namespace belongs to another control plane"
  return hs
end
if ready ~= nil and ready.status == "True" then
  hs.status = "Healthy"
  hs.message = ready.message or "The namespace is a member of the mesh"
  return hs
end
hs.status = "Progressing"
if ready ~= nil and ready.message ~= nil then
  hs.message = ready.message
else
  hs.message = "Waiting for the namespace to be configured"
end
return hs
