def test_zz(transactional_db):
    pass
