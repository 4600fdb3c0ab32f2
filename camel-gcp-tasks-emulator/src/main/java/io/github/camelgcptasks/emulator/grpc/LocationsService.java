package io.github.camelgcptasks.emulator.grpc;

import com.google.cloud.location.GetLocationRequest;
import com.google.cloud.location.ListLocationsRequest;
import com.google.cloud.location.ListLocationsResponse;
import com.google.cloud.location.Location;
import com.google.cloud.location.LocationsGrpc;
import io.github.camelgcptasks.emulator.queue.QueueRegistry;
import io.github.camelgcptasks.emulator.queue.ResourceNames;
import io.github.camelgcptasks.emulator.queue.TaskQueue;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The {@code google.cloud.location.Locations} service Cloud Tasks clients call ({@code CloudTasksClient.listLocations},
 * {@code gcloud tasks locations list}). The emulator has no regions of its own: its locations are those of the queues
 * it holds, plus those of the queues it was started with.
 */
public final class LocationsService extends LocationsGrpc.LocationsImplBase {

    private static final String LOCATIONS = "/locations/";

    private final QueueRegistry queues;
    private final List<String> startLocations;

    /**
     * @param queues      the emulator's queues
     * @param startQueues the full names of the queues given at start
     */
    public LocationsService(QueueRegistry queues, Collection<String> startQueues) {
        this.queues = queues;
        this.startLocations = startQueues.stream().map(LocationsService::locationOf).toList();
    }

    @Override
    public void listLocations(ListLocationsRequest request, StreamObserver<ListLocationsResponse> response) {
        String project = request.getName();
        if (!project.matches("projects/[^/]+")) {
            response.onError(Status.INVALID_ARGUMENT.withDescription("Invalid resource field value in the request: "
                    + "name \"" + project + "\" must be of the form projects/PROJECT_ID").asRuntimeException());
            return;
        }
        if (request.getPageSize() < 0) {
            response.onError(Status.INVALID_ARGUMENT.withDescription("page_size must not be negative (was "
                    + request.getPageSize() + ")").asRuntimeException());
            return;
        }
        NavigableSet<String> names = known();
        names.removeIf(name -> !name.startsWith(project + LOCATIONS));
        String after;
        try {
            after = request.getPageToken().isEmpty() ? null
                    : new String(Base64.getUrlDecoder().decode(request.getPageToken()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            response.onError(Status.INVALID_ARGUMENT.withDescription("Invalid page_token \""
                    + request.getPageToken() + "\"").asRuntimeException());
            return;
        }
        List<String> page = new ArrayList<>(after == null ? names : names.tailSet(after, false));
        ListLocationsResponse.Builder answer = ListLocationsResponse.newBuilder();
        int size = request.getPageSize() == 0 ? page.size() : Math.min(request.getPageSize(), page.size());
        page.subList(0, size).forEach(name -> answer.addLocations(location(name)));
        if (size < page.size()) {
            answer.setNextPageToken(Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(page.get(size - 1).getBytes(StandardCharsets.UTF_8)));
        }
        response.onNext(answer.build());
        response.onCompleted();
    }

    @Override
    public void getLocation(GetLocationRequest request, StreamObserver<Location> response) {
        if (!known().contains(request.getName())) {
            response.onError(Status.NOT_FOUND.withDescription("Location " + request.getName()
                    + " has no queues in the emulator").asRuntimeException());
            return;
        }
        response.onNext(location(request.getName()));
        response.onCompleted();
    }

    private NavigableSet<String> known() {
        NavigableSet<String> names = new TreeSet<>(startLocations);
        for (TaskQueue queue : queues.all()) {
            names.add(locationOf(queue.name()));
        }
        return names;
    }

    private static Location location(String name) {
        String id = name.substring(name.lastIndexOf('/') + 1);
        return Location.newBuilder().setName(name).setLocationId(id)
                .putLabels("cloud.googleapis.com/region", id).build();
    }

    private static String locationOf(String queueName) {
        return ResourceNames.location(queueName.substring(0, queueName.lastIndexOf("/queues/")));
    }
}
