package example;

import com.amazonaws.services.lambda.runtime.Context;
import java.math.BigDecimal;

/** A RequestHandler whose type arguments come through a generic superclass. */
public class OrderHandler extends TypedHandler<Order> {
    @Override
    public Receipt handleRequest(Order order, Context context) {
        BigDecimal total = BigDecimal.ZERO;
        Receipt receipt = new Receipt(order.getOrderId(), null, order.isGift(), order.getPriority());
        for (Order.Item item : order.getItems()) {
            total = total.add(item.price.multiply(BigDecimal.valueOf(item.count)));
            receipt.lines.add(item.count + " x " + item.sku);
        }
        receipt.lines.add("codes: " + order.getCodes());
        receipt.lines.add("note: " + order.note);
        return new ReceiptWithTotal(receipt, total);
    }

    /** The receipt with its total (the getters of both classes). */
    static final class ReceiptWithTotal extends Receipt {
        ReceiptWithTotal(Receipt receipt, BigDecimal total) {
            super(receipt.getOrderId(), total, receipt.isGift(), receipt.getPriority());
            lines = receipt.lines;
        }
    }
}
