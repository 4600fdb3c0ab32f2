package io.github.camelgcptasks.component.consumer;

import java.util.Objects;

/** A JSON payload for unmarshalType tests. */
public class TestOrder {

    private String id;
    private int quantity;

    public TestOrder() {
    }

    public TestOrder(String id, int quantity) {
        this.id = id;
        this.quantity = quantity;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public int getQuantity() {
        return quantity;
    }

    public void setQuantity(int quantity) {
        this.quantity = quantity;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TestOrder other && Objects.equals(id, other.id) && quantity == other.quantity;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, quantity);
    }

    @Override
    public String toString() {
        return "TestOrder[" + id + ", " + quantity + "]";
    }
}
