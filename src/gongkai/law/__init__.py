"""The statutory clock and purse: working days, 条例 deadlines, 信息处理费, answer types."""
