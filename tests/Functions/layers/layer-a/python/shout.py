# A module a layer provides (Lambda: /opt/python/shout.py).
def shout(text):
    return text.upper() + "!"
