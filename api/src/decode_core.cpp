#include "decoders.h"

namespace lintel::api::detail {

void read_object_meta(MapReader& root, ObjectMeta& out) {
  root.object("metadata", [&](MapReader& m) {
    m.read("name", out.name);
    m.read("namespace", out.namespace_);
    m.read("labels", out.labels);
    m.read("annotations", out.annotations);
    m.read("generation", out.generation);
    m.read("resourceVersion", out.resource_version);
    m.read("uid", out.uid);
    m.read("creationTimestamp", out.creation_timestamp);
    // Server-set and client-bookkeeping fields: legal in a manifest, meaningless to Lintel.
    for (const char* key : {"generateName", "deletionTimestamp", "deletionGracePeriodSeconds",
                            "ownerReferences", "finalizers", "managedFields", "selfLink"}) {
      m.ignore(key);
    }
  });
}

void ignore_status(MapReader& root) {
  root.ignore("status");
}

Namespace decode_namespace(MapReader& root) {
  Namespace ns;
  read_object_meta(root, ns.metadata);
  root.ignore("spec");
  ignore_status(root);
  return ns;
}

Service decode_service(MapReader& root) {
  Service service;
  read_object_meta(root, service.metadata);
  root.object("spec", [&](MapReader& spec) {
    spec.read("type", service.type);
    spec.read("selector", service.selector);
    spec.read("clusterIP", service.cluster_ip);
    spec.list("ports", [&](MapReader& p, size_t) {
      ServicePort port;
      p.read("name", port.name);
      p.read("protocol", port.protocol);
      p.read("port", port.port);
      p.read_int_or_string("targetPort", port.target_port_number, port.target_port_name);
      p.read("appProtocol", port.app_protocol);
      p.ignore("nodePort");
      service.ports.push_back(std::move(port));
    });
    for (const char* key :
         {"clusterIPs", "externalIPs", "sessionAffinity", "sessionAffinityConfig", "loadBalancerIP",
          "loadBalancerSourceRanges", "loadBalancerClass", "externalName", "externalTrafficPolicy",
          "internalTrafficPolicy", "healthCheckNodePort", "publishNotReadyAddresses", "ipFamilies",
          "ipFamilyPolicy", "allocateLoadBalancerNodePorts", "trafficDistribution"}) {
      spec.ignore(key);
    }
  });
  ignore_status(root);
  return service;
}

EndpointSlice decode_endpoint_slice(MapReader& root) {
  EndpointSlice slice;
  read_object_meta(root, slice.metadata);
  root.read("addressType", slice.address_type);
  root.list("endpoints", [&](MapReader& e, size_t) {
    Endpoint endpoint;
    e.read("addresses", endpoint.addresses);
    e.object("conditions", [&](MapReader& c) {
      c.read("ready", endpoint.conditions.ready);
      c.read("serving", endpoint.conditions.serving);
      c.read("terminating", endpoint.conditions.terminating);
    });
    e.read("hostname", endpoint.hostname);
    e.read("nodeName", endpoint.node_name);
    e.read("zone", endpoint.zone);
    e.ignore("targetRef");
    e.ignore("deprecatedTopology");
    e.ignore("hints");
    slice.endpoints.push_back(std::move(endpoint));
  });
  root.list("ports", [&](MapReader& p, size_t) {
    EndpointPort port;
    p.read("name", port.name);
    p.read("protocol", port.protocol);
    p.read("port", port.port);
    p.read("appProtocol", port.app_protocol);
    slice.ports.push_back(std::move(port));
  });
  return slice;
}

}  // namespace lintel::api::detail
