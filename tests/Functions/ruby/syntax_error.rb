# A syntax error in every Ruby.
def broken(event:, context:
  'never'
end
