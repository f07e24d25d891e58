"""Drawing shared by the screen and paper (QPainter, no widgets): the day axis and charts."""
