"""Sign packages outside the tree, for tests (found through $KIOSK_ITEM_PACKAGES)."""
