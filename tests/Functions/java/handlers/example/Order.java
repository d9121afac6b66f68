package example;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** An event as a POJO: private fields with getters and setters, a public field, nested beans, an enum, a map. */
public class Order {
    public enum Priority { LOW, HIGH }

    /** A nested bean with public fields only. */
    public static class Item {
        public String sku;
        public int count;
        public BigDecimal price;
    }

    private String orderId;
    private List<Item> items;
    private Priority priority;
    private boolean gift;
    private Map<String, Integer> codes;
    public String note;

    public String getOrderId() {
        return orderId;
    }

    public void setOrderId(String orderId) {
        this.orderId = orderId;
    }

    public List<Item> getItems() {
        return items;
    }

    public void setItems(List<Item> items) {
        this.items = items;
    }

    public Priority getPriority() {
        return priority;
    }

    public void setPriority(Priority priority) {
        this.priority = priority;
    }

    public boolean isGift() {
        return gift;
    }

    public void setGift(boolean gift) {
        this.gift = gift;
    }

    public Map<String, Integer> getCodes() {
        return codes;
    }

    public void setCodes(Map<String, Integer> codes) {
        this.codes = codes;
    }
}
