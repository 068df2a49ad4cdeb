{#- Literal cases for normalize_email (and canonical_email on the same inputs): each row
    is (input, expected normalize_email, expected canonical_email); the test returns the
    rows where a macro disagrees. -#}
with

cases as (

    select fixture.*
    from (
        values
        ('John.Doe@Example.COM', 'john.doe@example.com', 'john.doe@example.com'),
        ('  mary@shop.co.uk  ', 'mary@shop.co.uk', 'mary@shop.co.uk'),
        ('o''brien@mail.ie', 'o''brien@mail.ie', 'o''brien@mail.ie'),
        (
            'first.last+news@company.com',
            'first.last+news@company.com',
            'first.last+news@company.com'
        ),
        ('j.o.h.n+shop@gmail.com', 'j.o.h.n+shop@gmail.com', 'john@gmail.com'),
        ('John.Smith@GoogleMail.com', 'john.smith@googlemail.com', 'johnsmith@gmail.com'),
        ('jane+deals@outlook.com', 'jane+deals@outlook.com', 'jane@outlook.com'),
        ('jane.doe+x@hotmail.co.uk', 'jane.doe+x@hotmail.co.uk', 'jane.doe@hotmail.co.uk'),
        ('jane+2024@icloud.com', 'jane+2024@icloud.com', 'jane@icloud.com'),
        ('jane+np@fastmail.com', 'jane+np@fastmail.com', 'jane@fastmail.com'),
        ('jane-shopping@yahoo.com', 'jane-shopping@yahoo.com', 'jane@yahoo.com'),
        ('jane+tag@yahoo.com', 'jane+tag@yahoo.com', 'jane+tag@yahoo.com'),
        ('jane.doe+tag@gmx.de', 'jane.doe+tag@gmx.de', 'jane.doe+tag@gmx.de'),
        ('+onlytag@gmail.com', '+onlytag@gmail.com', '+onlytag@gmail.com'),
        ('Jane.Doe+x@GMIAL.com', 'jane.doe+x@gmial.com', 'janedoe@gmail.com'),
        ('jane+x@hotmail.con', 'jane+x@hotmail.con', 'jane@hotmail.com'),
        ('jane.doe@hotmail.oc.uk', 'jane.doe@hotmail.oc.uk', 'jane.doe@hotmail.co.uk'),
        ('jane.doe@comcast.com', 'jane.doe@comcast.com', 'jane.doe@comcast.com'),
        ('jane.doe@gmail.co.uk', 'jane.doe@gmail.co.uk', 'jane.doe@gmail.co.uk'),
        ('johndoe.example.com', null, null),
        ('john@@example.com', null, null),
        ('john@doe@example.com', null, null),
        ('john@localhost', null, null),
        ('john@example.com.', null, null),
        ('john doe@example.com', null, null),
        ('john at example.com', null, null),
        ('.john@example.com', null, null),
        ('john..doe@example.com', null, null),
        ('john@-example.com', null, null),
        ('', null, null),
        (null, null, null)
    ) as fixture (input_value, expected_email, expected_canonical)

),

computed as (

    select
        input_value,
        expected_email,
        expected_canonical,
        {{ normalize_email('input_value') }} as actual_email,
        {{ canonical_email('input_value') }} as actual_canonical
    from cases

)

select *
from computed
where
    actual_email is distinct from expected_email
    or actual_canonical is distinct from expected_canonical
