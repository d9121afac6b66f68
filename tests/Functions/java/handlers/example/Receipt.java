package example;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** A result as a POJO: written through its getters and public fields, null properties left out. */
public class Receipt {
    public List<String> lines = new ArrayList<>();
    private final String orderId;
    private final BigDecimal total;
    private final boolean gift;
    private final Order.Priority priority;

    Receipt(String orderId, BigDecimal total, boolean gift, Order.Priority priority) {
        this.orderId = orderId;
        this.total = total;
        this.gift = gift;
        this.priority = priority;
    }

    public String getOrderId() {
        return orderId;
    }

    public BigDecimal getTotal() {
        return total;
    }

    public boolean isGift() {
        return gift;
    }

    public Order.Priority getPriority() {
        return priority;
    }

    public String getURL() {
        return "https://example.com/" + orderId;
    }

    public String getNothing() {
        return null;
    }
}
