{#- One row per identifier value (identifier_type + match key) and record carrying it that
    has a first name, with the first name's match key (normalize_name, first word). The
    name evidence of int_identity__quarantined_values (a value of several people) and
    int_identity__shared_records (a record holding several people's values). -#}

with

observations as (

    select * from {{ ref('int_identity__observations') }}

),

records as (

    select * from {{ ref('int_identity__records') }}

),

first_name_keys as (

    -- normalize_name once per distinct spelling rather than once per observation: the
    -- macro is costly (accent map, placeholder lookup) and spellings repeat
    select
        spellings.first_name,
        split_part({{ normalize_name('spellings.first_name') }}, ' ', 1) as first_name_key
    from (
        select distinct records.first_name
        from records
        where records.first_name is not null
    ) as spellings

),

final as (

    select distinct
        observations.identifier_type,
        observations.match_key,
        observations.source_name,
        observations.record_id,
        first_name_keys.first_name_key
    from observations
    inner join records
        on
            observations.source_name = records.source_name
            and observations.record_id = records.record_id
    inner join first_name_keys
        on records.first_name = first_name_keys.first_name
    where first_name_keys.first_name_key is not null

)

select * from final
