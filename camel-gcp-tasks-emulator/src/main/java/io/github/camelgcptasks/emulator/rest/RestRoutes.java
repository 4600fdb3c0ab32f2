package io.github.camelgcptasks.emulator.rest;

import com.google.api.AnnotationsProto;
import com.google.api.HttpRule;
import com.google.protobuf.Descriptors;
import com.google.protobuf.Message;
import io.grpc.MethodDescriptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.protobuf.ProtoMethodDescriptorSupplier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The HTTP bindings of gRPC services, read from the {@code google.api.http} options of their methods, so every method
 * is reachable at the path the real service uses without a route written by hand. A method whose HTTP rule lives in
 * the service's configuration instead of its proto (such as the Locations mixin) gets it from {@code overrides}.
 */
final class RestRoutes {

    private final List<RestRoute> routes;

    private RestRoutes(List<RestRoute> routes) {
        this.routes = List.copyOf(routes);
    }

    /**
     * @param services  the services as served over gRPC
     * @param overrides HTTP rules by full gRPC method name, replacing the proto's own
     */
    static RestRoutes of(List<ServerServiceDefinition> services, Map<String, HttpRule> overrides) {
        List<RestRoute> routes = new ArrayList<>();
        for (ServerServiceDefinition service : services) {
            for (ServerMethodDefinition<?, ?> definition : service.getMethods()) {
                MethodDescriptor<Message, Message> method = protoMethod(definition.getMethodDescriptor());
                if (method == null) {
                    continue;
                }
                HttpRule rule = overrides.get(method.getFullMethodName());
                if (rule == null) {
                    Descriptors.MethodDescriptor proto =
                            ((ProtoMethodDescriptorSupplier) method.getSchemaDescriptor()).getMethodDescriptor();
                    if (!proto.getOptions().hasExtension(AnnotationsProto.http)) {
                        continue;
                    }
                    rule = proto.getOptions().getExtension(AnnotationsProto.http);
                }
                if (!(((MethodDescriptor.PrototypeMarshaller<?>) method.getRequestMarshaller())
                        .getMessagePrototype() instanceof Message prototype)) {
                    continue;
                }
                routes.add(RestRoute.of(rule, method, prototype));
                for (HttpRule additional : rule.getAdditionalBindingsList()) {
                    routes.add(RestRoute.of(additional, method, prototype));
                }
            }
        }
        return new RestRoutes(routes);
    }

    /** The route taking this request and its path variables, or null. */
    Match match(String httpMethod, String rawPath) {
        for (RestRoute route : routes) {
            Map<String, String> variables = route.match(httpMethod, rawPath);
            if (variables != null) {
                return new Match(route, variables);
            }
        }
        return null;
    }

    List<RestRoute> all() {
        return routes;
    }

    /** A route and the values its path variables took. */
    record Match(RestRoute route, Map<String, String> pathVariables) {
    }

    /** The method as a protobuf unary method, or null for one this transcoder cannot bind. */
    @SuppressWarnings("unchecked")
    private static MethodDescriptor<Message, Message> protoMethod(MethodDescriptor<?, ?> method) {
        boolean proto = method.getSchemaDescriptor() instanceof ProtoMethodDescriptorSupplier
                && method.getRequestMarshaller() instanceof MethodDescriptor.PrototypeMarshaller;
        return proto && method.getType() == MethodDescriptor.MethodType.UNARY
                ? (MethodDescriptor<Message, Message>) method : null;
    }
}
