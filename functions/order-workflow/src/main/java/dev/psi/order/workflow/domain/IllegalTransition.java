package dev.psi.order.workflow.domain;

/** A command the order's state does not allow (ship a rejected order, receive a cancelled one). */
public final class IllegalTransition extends RuntimeException {

    public IllegalTransition(String number, String status, String command) {
        super("Order " + number + " is " + status + "; cannot " + command, null, false, false);
    }
}
