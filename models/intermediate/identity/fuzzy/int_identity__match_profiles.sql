{{ config(enabled=var('cdp_identity_fuzzy', {}).get('enabled', false)) }}

with

records as (

    select * from {{ ref('int_identity__records') }}

),

nicknames as (

    select * from {{ ref('nicknames') }}

),

canonical_names as (

    -- a nickname stands for its formal name (the first alphabetically when it has several)
    select
        nickname as name_key,
        min(name) as canonical_name_key
    from nicknames
    group by nickname

),

email_match_keys as (

    -- the canonical mailbox of every email identifier, computed once in the observations
    select distinct
        identifier_value,
        match_key
    from {{ ref('int_identity__observations') }}
    where identifier_type = 'email'

),

{#- Each distinct value is normalized once and joined back: the expressions are long
    (accents, placeholders, provider rules) and there are far fewer distinct names,
    street lines and cities than records. An email's canonical form is its match key in
    the observations (identity_match_key); only an email no source offers as an
    identifier is computed here, with the same macro. -#}
{%- set value_keys = [
    ('first_name', 'first_name_key', normalize_name('first_name')),
    ('last_name', 'last_name_key', normalize_name('last_name')),
    ('email', 'email', 'case when email_match_keys.identifier_value is not null'
        ~ ' then email_match_keys.match_key else ' ~ identity_match_key('email', 'distinct_values.email') ~ ' end'),
    ('address_line1', 'address_key', normalize_address('address_line1')),
    ('postcode', 'postcode', normalize_postcode('postcode')),
    ('city', 'city_key', normalize_name('city'))
] %}
{%- for column, key, expression in value_keys %}
    {{ column }}_values as (

        select
            distinct_values.{{ column }} as raw_value,
            {{ expression }} as {{ key }}
        from (select distinct records.{{ column }} from records) as distinct_values
        {%- if column == 'email' %}
            left outer join email_match_keys
                on distinct_values.email = email_match_keys.identifier_value
        {%- endif %}

    ),
{% endfor %}
normalized as (

    select
        records.source_name,
        records.record_id,
        first_name_values.first_name_key,
        last_name_values.last_name_key,
        records.birth_date,
        email_values.email,
        records.phone,
        address_line1_values.address_key,
        postcode_values.postcode,
        city_values.city_key,
        records.country_code
    from records
    {%- for column, key, expression in value_keys %}
        left join {{ column }}_values
            on records.{{ column }} = {{ column }}_values.raw_value
    {%- endfor %}

),

keyed as (

    select
        normalized.*,
        coalesce(canonical_names.canonical_name_key, normalized.first_name_key)
            as first_name_canonical,
        -- the local part without a +tag and punctuation: john.smith+shop -> johnsmith
        nullif(
            regexp_replace(
                split_part(split_part(normalized.email, '@', 1), '+', 1), '[^a-z0-9]', '', 'g'
            ),
            ''
        ) as email_local_part,
        nullif(split_part(normalized.email, '@', 2), '') as email_domain
    from normalized
    left join canonical_names
        on normalized.first_name_key = canonical_names.name_key
    where normalized.first_name_key is not null
        or normalized.last_name_key is not null
        or normalized.email is not null
        or normalized.phone is not null

),

final as (

    select
        source_name,
        record_id,
        first_name_key,
        first_name_canonical,
        last_name_key,
        birth_date,
        email,
        email_local_part,
        email_domain,
        regexp_replace(coalesce(email_local_part, ''), '[^0-9]', '', 'g') as email_digits,
        -- a typo leaves one end of a long local part intact: block on each end
        case when length(email_local_part) >= 8 then left(email_local_part, 6) end as email_head,
        case when length(email_local_part) >= 8 then right(email_local_part, 6) end as email_tail,
        phone,
        address_key,
        postcode,
        city_key,
        country_code,
        -- term frequencies: the share of profiles carrying the same name
        case
            when first_name_key is not null
                then cast(count(*) over (partition by first_name_key) as double precision)
                / count(first_name_key) over ()
        end as first_name_frequency,
        case
            when last_name_key is not null
                then cast(count(*) over (partition by last_name_key) as double precision)
                / count(last_name_key) over ()
        end as last_name_frequency
    from keyed

)

select * from final
